-- Everything the new version of the document names, in one statement each ($json arrays of ids).
INSERT OR IGNORE INTO temp.touched_entities (id) SELECT value FROM json_each($entity_ids);
INSERT OR IGNORE INTO temp.touched_facts (key) SELECT value FROM json_each($fact_keys);
