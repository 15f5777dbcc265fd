SELECT id, kind, entity_id, entity_kind, entity_name, other_id, other_kind, other_name, documents, author, created_at, reason, revoked_at, revoked_by
FROM judgements
ORDER BY created_at, id;
