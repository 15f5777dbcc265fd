INSERT INTO documents (id, source_uri, title, publisher, author, published_at, media_type, text, content_hash, extractor_version, ingested_at, reported_at, mentions)
VALUES ($id, $source_uri, $title, $publisher, $author, $published_at, $media_type, $text, $content_hash, $extractor_version, $ingested_at, $reported_at, $mentions)
ON CONFLICT (id) DO UPDATE SET
    source_uri = excluded.source_uri,
    title = excluded.title,
    publisher = excluded.publisher,
    author = excluded.author,
    published_at = excluded.published_at,
    media_type = excluded.media_type,
    text = excluded.text,
    content_hash = excluded.content_hash,
    extractor_version = excluded.extractor_version,
    ingested_at = excluded.ingested_at,
    reported_at = excluded.reported_at,
    mentions = excluded.mentions;
