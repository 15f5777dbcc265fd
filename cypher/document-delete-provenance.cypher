// Removes one document's mentions and evidence (its own provenance only).
MATCH (p)-[:IN_DOCUMENT]->(:Document {id: $docId})
WHERE p:Mention OR p:Evidence
DETACH DELETE p
