// Before a changed document is replaced: its mentions and evidence, with the entities they point at.
// A mention has subjectId = the entity it names; evidence has its fact's subject and object.
MATCH (p)-[:IN_DOCUMENT]->(:Document {id: $docId})
WHERE p:Mention OR p:Evidence
OPTIONAL MATCH (p)-[:REFERS_TO|SUBJECT]->(s:Entity)
OPTIONAL MATCH (p)-[:OBJECT]->(o:Entity)
RETURN p.id AS id, p.factKey AS factKey, s.id AS subjectId, o.id AS objectId
