-- Entities whose totals must be recounted from the rows ($entity_ids: a JSON array).
INSERT OR IGNORE INTO temp.recount_entities (id) SELECT value FROM json_each($entity_ids);
