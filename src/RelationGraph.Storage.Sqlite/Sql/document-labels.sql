SELECT id, title, source_uri FROM documents
WHERE id IN (SELECT value FROM json_each($ids));
