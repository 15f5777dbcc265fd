INSERT INTO judgements (id, kind, entity_id, entity_kind, entity_name, other_id, other_kind, other_name, documents, author, created_at, reason)
VALUES ($id, $kind, $entity_id, $entity_kind, $entity_name, $other_id, $other_kind, $other_name, $documents, $author, $created_at, $reason)
ON CONFLICT (id) DO NOTHING;
