-- The best $per_fact pieces of evidence of each fact: highest confidence, then document and position.
SELECT id, fact_key, doc_id, title, source_uri, start, "end", quote, citations, extractor, confidence
FROM (
    SELECT e.id, e.fact_key, e.doc_id, d.title, d.source_uri, e.start, e."end", e.quote, e.citations, e.extractor, e.confidence,
           row_number() OVER (PARTITION BY e.fact_key ORDER BY e.confidence DESC, e.doc_id, e.start, e.id) AS rank
    FROM evidence e
    JOIN documents d ON d.id = e.doc_id
    WHERE e.fact_key IN (SELECT value FROM json_each($keys))
)
WHERE rank <= $per_fact
ORDER BY fact_key, rank;
