SELECT id, kind, name, mention_count, doc_count FROM entities
WHERE id IN (SELECT value FROM json_each($ids));
