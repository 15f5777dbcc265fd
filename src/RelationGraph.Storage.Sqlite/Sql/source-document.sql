SELECT id, source_uri, title, publisher, author, published_at, media_type, text, content_hash FROM documents WHERE id = $id;
