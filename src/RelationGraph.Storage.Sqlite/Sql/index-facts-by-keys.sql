-- The path index's view of facts, as touched-facts.sql reads it (a key not found was deleted).
SELECT fact_key, type, subject_id, object_id, confidence, doc_count, first_seen FROM facts WHERE fact_key IN (SELECT value FROM json_each($keys));
