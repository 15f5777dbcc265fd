SELECT fact_key, type, subject_id, object_id, confidence, evidence_count, doc_count, first_seen, last_seen, sample_quote, extractors
FROM facts WHERE subject_id = $id
UNION
SELECT fact_key, type, subject_id, object_id, confidence, evidence_count, doc_count, first_seen, last_seen, sample_quote, extractors
FROM facts WHERE object_id = $id
ORDER BY doc_count DESC, confidence DESC, fact_key;
