SELECT f.fact_key, f.type, f.subject_id, f.object_id, f.confidence, f.doc_count, f.first_seen
FROM facts f JOIN temp.touched_facts t ON t.key = f.fact_key;
