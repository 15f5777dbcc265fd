SELECT id, content_hash, extractor_version FROM documents WHERE id = $id;
