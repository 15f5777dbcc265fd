DELETE FROM entities
WHERE id IN (SELECT id FROM temp.touched_entities)
  AND NOT EXISTS (SELECT 1 FROM entity_documents m WHERE m.entity_id = entities.id)
  AND NOT EXISTS (SELECT 1 FROM facts f WHERE f.subject_id = entities.id)
  AND NOT EXISTS (SELECT 1 FROM facts f WHERE f.object_id = entities.id)
RETURNING id;
