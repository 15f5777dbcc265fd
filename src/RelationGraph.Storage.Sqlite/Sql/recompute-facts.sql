-- Totals of every touched fact from its evidence. Confidence is the noisy-or over documents of each
-- document's best evidence: independent sources make a fact more likely, repeats in one source do not.
INSERT OR IGNORE INTO temp.touched_entities (id)
SELECT subject_id FROM facts WHERE fact_key IN (SELECT key FROM temp.touched_facts)
UNION
SELECT object_id FROM facts WHERE fact_key IN (SELECT key FROM temp.touched_facts);

UPDATE facts SET
    evidence_count = (SELECT count(*) FROM evidence e WHERE e.fact_key = facts.fact_key),
    doc_count = (SELECT count(DISTINCT e.doc_id) FROM evidence e WHERE e.fact_key = facts.fact_key),
    confidence = coalesce((
        SELECT noisy_or(best) FROM (SELECT max(e.confidence) AS best FROM evidence e WHERE e.fact_key = facts.fact_key GROUP BY e.doc_id)), 0),
    first_seen = (SELECT min(d.reported_at) FROM evidence e JOIN documents d ON d.id = e.doc_id WHERE e.fact_key = facts.fact_key),
    last_seen = (SELECT max(d.reported_at) FROM evidence e JOIN documents d ON d.id = e.doc_id WHERE e.fact_key = facts.fact_key),
    sample_quote = (SELECT e.quote FROM evidence e WHERE e.fact_key = facts.fact_key ORDER BY e.confidence DESC, e.doc_id, e.start LIMIT 1),
    extractors = coalesce((
        SELECT json_group_array(x) FROM (SELECT DISTINCT e.extractor AS x FROM evidence e WHERE e.fact_key = facts.fact_key ORDER BY x)), '[]')
WHERE fact_key IN (SELECT key FROM temp.touched_facts);
