-- Totals are recomputed from the evidence after the document is written.
INSERT INTO facts (fact_key, type, subject_id, object_id)
VALUES ($fact_key, $type, $subject_id, $object_id)
ON CONFLICT (fact_key) DO NOTHING;
INSERT OR IGNORE INTO temp.touched_facts (key) VALUES ($fact_key);
