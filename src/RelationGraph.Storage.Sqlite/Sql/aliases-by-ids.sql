SELECT entity_id, alias FROM entity_aliases
WHERE entity_id IN (SELECT value FROM json_each($ids))
ORDER BY entity_id, alias;
