// Documents, newest ingestion first.
MATCH (d:Document)
RETURN d.id AS id, d.sourceUri AS sourceUri, d.title AS title, d.publisher AS publisher, d.publishedAt AS publishedAt,
       d.ingestedAt AS ingestedAt, d.contentHash AS contentHash, d.extractorVersion AS extractorVersion, d.length AS length
ORDER BY d.ingestedAt DESC, d.id
SKIP $offset
LIMIT $limit
