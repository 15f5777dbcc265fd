-- CROSS JOIN keeps the small temp table as the outer loop (the planner has no statistics to know it is small).
SELECT f.fact_key, f.type, f.subject_id, f.object_id, f.confidence, f.doc_count, f.first_seen
FROM temp.touched_facts t CROSS JOIN facts f ON f.fact_key = t.key;
