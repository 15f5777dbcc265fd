// Export: a page of documents with their text, in id order after $after.
MATCH (d:Document)
WHERE d.id > $after
RETURN d.id AS id, d.sourceUri AS sourceUri, d.title AS title, d.publisher AS publisher, d.publishedAt AS publishedAt,
       d.ingestedAt AS ingestedAt, d.contentHash AS contentHash, d.extractorVersion AS extractorVersion, d.length AS length,
       d.text AS text, COUNT { (:Mention)-[:IN_DOCUMENT]->(d) } AS mentionCount, COUNT { (:Evidence)-[:IN_DOCUMENT]->(d) } AS evidenceCount
ORDER BY d.id
LIMIT $limit
