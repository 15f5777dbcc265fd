-- Aliases other than the canonical name, once each.
INSERT OR IGNORE INTO entity_aliases (entity_id, alias, alias_key)
SELECT $entity_id, $alias, $alias_key
WHERE NOT EXISTS (SELECT 1 FROM entities WHERE id = $entity_id AND name = $alias);
