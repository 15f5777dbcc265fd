-- fact_key, type, subject_id, object_id, confidence, doc_count, first_seen: the path index's view of one fact.
SELECT fact_key, type, subject_id, object_id, confidence, doc_count, first_seen FROM facts WHERE fact_key = $fact_key;
