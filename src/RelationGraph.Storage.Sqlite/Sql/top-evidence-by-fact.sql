-- The best $per_fact pieces of evidence of each fact: highest confidence, then document and position.
-- Documents' titles and sources come from document-labels.sql (mostly from memory: few documents, many quotes each).
SELECT id, fact_key, doc_id, start, "end", quote, citations, extractor, confidence
FROM (
    SELECT e.id, e.fact_key, e.doc_id, e.start, e."end", e.quote, e.citations, e.extractor, e.confidence,
           row_number() OVER (PARTITION BY e.fact_key ORDER BY e.confidence DESC, e.doc_id, e.start, e.id) AS rank
    FROM evidence e
    WHERE e.fact_key IN (SELECT value FROM json_each($keys))
)
WHERE rank <= $per_fact
ORDER BY fact_key, rank;
