-- The documents that mention an entity, or hold evidence of a fact it is an end of.
SELECT doc_id FROM entity_documents WHERE entity_id = $id
UNION
SELECT ev.doc_id FROM facts f JOIN evidence ev ON ev.fact_key = f.fact_key WHERE f.subject_id = $id
UNION
SELECT ev.doc_id FROM facts f JOIN evidence ev ON ev.fact_key = f.fact_key WHERE f.object_id = $id
ORDER BY 1;
