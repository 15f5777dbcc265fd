SELECT id, source_uri, title, publisher, published_at, ingested_at, content_hash, extractor_version, length(text)
FROM documents
ORDER BY ingested_at DESC, id
LIMIT $limit OFFSET $offset;
