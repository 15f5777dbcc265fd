-- A new document's evidence for one fact, already inserted: the fact is created with its totals or has them extended
-- (noisy-or across documents: 1 - (1 - old) * (1 - this document's best)). A new fact's sample quote is this
-- document's best ($sample_quote); a known one's is the better of its stored sample and that one when the writer
-- knows the stored sample's rank, else one seek on ix_evidence_fact_rank over all its evidence, this document's
-- included. Returns the path index's view of the fact.
INSERT INTO facts (fact_key, type, subject_id, object_id, confidence, evidence_count, doc_count, first_seen, last_seen, sample_quote, extractors)
VALUES ($fact_key, $type, $subject_id, $object_id, $best, $evidence_count, 1, $reported_at, $reported_at,
        $sample_quote,
        -- nearly always one extractor: json_array of it is what the sorted group gives, without parsing and sorting
        CASE WHEN $single_extractor IS NOT NULL THEN json_array($single_extractor)
             ELSE (SELECT json_group_array(value) FROM (SELECT value FROM json_each($extractors) ORDER BY value)) END)
ON CONFLICT (fact_key) DO UPDATE SET
    evidence_count = facts.evidence_count + excluded.evidence_count,
    doc_count = facts.doc_count + 1,
    confidence = 1 - (1 - facts.confidence) * (1 - excluded.confidence),
    first_seen = min(coalesce(facts.first_seen, excluded.first_seen), excluded.first_seen),
    last_seen = max(coalesce(facts.last_seen, excluded.last_seen), excluded.last_seen),
    -- $sample_choice: 1 the stored sample outranks this document's best evidence, 2 this document's best outranks it
    -- (the writer remembers the rank of samples it chose), otherwise unknown: one seek on ix_evidence_fact_rank
    sample_quote = CASE $sample_choice WHEN 1 THEN facts.sample_quote WHEN 2 THEN excluded.sample_quote
        ELSE (SELECT e.quote FROM evidence e WHERE e.fact_key = facts.fact_key ORDER BY e.confidence DESC, e.doc_id, e.start LIMIT 1) END,
    extractors = CASE WHEN facts.extractors = excluded.extractors THEN facts.extractors ELSE (
        SELECT json_group_array(x) FROM (
            SELECT value AS x FROM json_each(facts.extractors) UNION SELECT value FROM json_each(excluded.extractors) ORDER BY x)) END
RETURNING fact_key, type, subject_id, object_id, confidence, doc_count, first_seen;
