SELECT fact_key, type, subject_id, object_id, confidence, evidence_count, doc_count, first_seen, last_seen, sample_quote, extractors
FROM facts ORDER BY fact_key;
