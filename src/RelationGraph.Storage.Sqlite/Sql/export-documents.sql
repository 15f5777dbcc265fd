SELECT id, source_uri, title, publisher, published_at, ingested_at, content_hash, extractor_version, length(text), text,
       json_array_length(mentions),
       (SELECT count(*) FROM evidence e WHERE e.doc_id = documents.id)
FROM documents ORDER BY id;
