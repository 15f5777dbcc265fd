SELECT fact_key, type, subject_id, object_id, confidence, doc_count, first_seen FROM facts;
