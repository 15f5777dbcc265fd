SELECT e.id, e.fact_key, e.doc_id, d.title, d.source_uri, e.start, e."end", e.quote, e.citations, e.extractor, e.confidence, d.published_at
FROM evidence e
JOIN documents d ON d.id = e.doc_id
WHERE e.fact_key = $fact_key
ORDER BY e.confidence DESC, e.doc_id, e.start, e.id
LIMIT $limit OFFSET $offset;
