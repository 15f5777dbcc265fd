-- A file from before the search index: every entity's name, alias and loose name keys, once each (the triggers of
-- schema.sql index them). Runs before entity keys are backfilled, whose loose names the triggers then add.
INSERT OR IGNORE INTO entity_search (entity_id, key)
SELECT id, name_key FROM entities
UNION ALL
SELECT entity_id, alias_key FROM entity_aliases
UNION ALL
SELECT entity_id, substr(key, 3) FROM entity_keys WHERE key GLOB 'n:*';
