// Deletes one document node once its mentions and evidence are gone (document-delete-provenance).
MATCH (d:Document {id: $docId})
DETACH DELETE d
