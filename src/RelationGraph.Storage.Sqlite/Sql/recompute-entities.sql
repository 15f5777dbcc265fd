-- An entity's documents are those that mention it (entity_documents); an entity nothing mentions (a fact's
-- endpoint the text only implies) falls back to the documents giving evidence for its facts. CASE is lazy, so the
-- costlier fallback only runs for unmentioned entities, and hubs stay cheap to recompute.
UPDATE entities SET
    mention_count = (SELECT coalesce(sum(m.mention_count), 0) FROM entity_documents m WHERE m.entity_id = entities.id),
    doc_count = CASE
        WHEN EXISTS (SELECT 1 FROM entity_documents m WHERE m.entity_id = entities.id)
            THEN (SELECT count(*) FROM entity_documents m WHERE m.entity_id = entities.id)
        ELSE (SELECT count(*) FROM (
            SELECT e.doc_id FROM facts f JOIN evidence e ON e.fact_key = f.fact_key WHERE f.subject_id = entities.id
            UNION SELECT e.doc_id FROM facts f JOIN evidence e ON e.fact_key = f.fact_key WHERE f.object_id = entities.id))
    END,
    first_seen = CASE
        WHEN EXISTS (SELECT 1 FROM entity_documents m WHERE m.entity_id = entities.id)
            THEN (SELECT min(d.reported_at) FROM entity_documents m JOIN documents d ON d.id = m.doc_id WHERE m.entity_id = entities.id)
        ELSE (SELECT min(d.reported_at) FROM documents d WHERE d.id IN (
            SELECT e.doc_id FROM facts f JOIN evidence e ON e.fact_key = f.fact_key WHERE f.subject_id = entities.id
            UNION SELECT e.doc_id FROM facts f JOIN evidence e ON e.fact_key = f.fact_key WHERE f.object_id = entities.id))
    END,
    last_seen = CASE
        WHEN EXISTS (SELECT 1 FROM entity_documents m WHERE m.entity_id = entities.id)
            THEN (SELECT max(d.reported_at) FROM entity_documents m JOIN documents d ON d.id = m.doc_id WHERE m.entity_id = entities.id)
        ELSE (SELECT max(d.reported_at) FROM documents d WHERE d.id IN (
            SELECT e.doc_id FROM facts f JOIN evidence e ON e.fact_key = f.fact_key WHERE f.subject_id = entities.id
            UNION SELECT e.doc_id FROM facts f JOIN evidence e ON e.fact_key = f.fact_key WHERE f.object_id = entities.id))
    END
WHERE id IN (SELECT id FROM temp.recount_entities);
