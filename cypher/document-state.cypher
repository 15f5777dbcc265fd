// What the store holds of one document, to skip unchanged ones.
MATCH (d:Document {id: $docId})
RETURN d.contentHash AS contentHash, d.extractorVersion AS extractorVersion
