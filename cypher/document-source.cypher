// One stored document as it was ingested (text and metadata), to extract it again when identity decisions change.
MATCH (d:Document {id: $docId})
RETURN d.id AS id, d.sourceUri AS sourceUri, d.title AS title, d.publisher AS publisher, d.author AS author,
       d.publishedAt AS publishedAt, d.mediaType AS mediaType, d.text AS text, d.contentHash AS contentHash
