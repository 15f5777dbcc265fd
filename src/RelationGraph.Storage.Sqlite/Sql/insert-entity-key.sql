INSERT OR IGNORE INTO entity_keys (key, entity_id) VALUES ($key, $entity_id);
