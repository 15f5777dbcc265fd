-- An entity's documents are those that mention it or give evidence for one of its facts.
UPDATE entities SET
    mention_count = (SELECT count(*) FROM mentions m WHERE m.entity_id = entities.id),
    doc_count = (SELECT count(*) FROM (
        SELECT m.doc_id FROM mentions m WHERE m.entity_id = entities.id
        UNION SELECT e.doc_id FROM facts f JOIN evidence e ON e.fact_key = f.fact_key WHERE f.subject_id = entities.id
        UNION SELECT e.doc_id FROM facts f JOIN evidence e ON e.fact_key = f.fact_key WHERE f.object_id = entities.id)),
    first_seen = (SELECT min(d.reported_at) FROM documents d WHERE d.id IN (
        SELECT m.doc_id FROM mentions m WHERE m.entity_id = entities.id
        UNION SELECT e.doc_id FROM facts f JOIN evidence e ON e.fact_key = f.fact_key WHERE f.subject_id = entities.id
        UNION SELECT e.doc_id FROM facts f JOIN evidence e ON e.fact_key = f.fact_key WHERE f.object_id = entities.id)),
    last_seen = (SELECT max(d.reported_at) FROM documents d WHERE d.id IN (
        SELECT m.doc_id FROM mentions m WHERE m.entity_id = entities.id
        UNION SELECT e.doc_id FROM facts f JOIN evidence e ON e.fact_key = f.fact_key WHERE f.subject_id = entities.id
        UNION SELECT e.doc_id FROM facts f JOIN evidence e ON e.fact_key = f.fact_key WHERE f.object_id = entities.id))
WHERE id IN (SELECT id FROM temp.touched_entities);
