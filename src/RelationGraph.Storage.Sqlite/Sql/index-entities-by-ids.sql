-- The path index's view of entities (an id not found was deleted).
SELECT id, kind FROM entities WHERE id IN (SELECT value FROM json_each($ids));
