-- A new document only adds evidence, so each fact it supports gets its totals extended instead of recounted:
-- the noisy-or combines across documents as 1 - (1 - old) * (1 - this document's best evidence).
INSERT OR IGNORE INTO temp.touched_entities (id)
SELECT subject_id FROM facts WHERE fact_key IN (SELECT key FROM temp.touched_facts)
UNION
SELECT object_id FROM facts WHERE fact_key IN (SELECT key FROM temp.touched_facts);

UPDATE facts SET
    evidence_count = evidence_count + added.new_evidence,
    doc_count = doc_count + 1,
    confidence = 1 - (1 - confidence) * (1 - added.best),
    first_seen = min(coalesce(first_seen, $reported_at), $reported_at),
    last_seen = max(coalesce(last_seen, $reported_at), $reported_at),
    sample_quote = (SELECT e.quote FROM evidence e WHERE e.fact_key = facts.fact_key ORDER BY e.confidence DESC, e.doc_id, e.start LIMIT 1),
    extractors = (SELECT json_group_array(x) FROM (
        SELECT value AS x FROM json_each(facts.extractors)
        UNION SELECT e.extractor FROM evidence e WHERE e.fact_key = facts.fact_key AND e.doc_id = $doc_id
        ORDER BY x))
FROM (SELECT fact_key, count(*) AS new_evidence, max(confidence) AS best FROM evidence WHERE doc_id = $doc_id GROUP BY fact_key) AS added
WHERE facts.fact_key = added.fact_key;
