SELECT id, source_uri, title, publisher, published_at, ingested_at, content_hash, extractor_version, length(text), text,
       (SELECT count(*) FROM mentions m WHERE m.doc_id = documents.id),
       (SELECT count(*) FROM evidence e WHERE e.doc_id = documents.id)
FROM documents WHERE id = $id;
