-- A file from before the search index: every entity's name, alias and loose name keys, once each, names and aliases
-- first (a loose form equal to one is not marked loose); the triggers of schema.sql index them. Runs after entity keys
-- are backfilled, whose "n:" keys give the loose names.
INSERT OR IGNORE INTO entity_search (entity_id, key, loose)
SELECT id, name_key, 0 FROM entities
UNION ALL
SELECT entity_id, alias_key, 0 FROM entity_aliases
UNION ALL
SELECT entity_id, substr(key, 3), 1 FROM entity_keys WHERE key GLOB 'n:*';
