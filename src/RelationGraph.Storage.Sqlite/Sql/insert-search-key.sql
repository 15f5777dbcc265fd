-- One key an entity is found by in searches (schema.sql: entity_search), once; its triggers index it for contains queries.
INSERT OR IGNORE INTO entity_search (entity_id, key, loose) VALUES ($entity_id, $key, $loose);
