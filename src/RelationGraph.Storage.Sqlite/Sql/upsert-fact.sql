-- Affects 1 row when the fact is new. Totals are recomputed from the evidence after the document is written.
INSERT OR IGNORE INTO facts (fact_key, type, subject_id, object_id)
VALUES ($fact_key, $type, $subject_id, $object_id);
