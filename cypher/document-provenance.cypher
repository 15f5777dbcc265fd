// Before a changed document is replaced: the facts its evidence supports and the entities it touches.
MATCH (p)-[:IN_DOCUMENT]->(:Document {id: $docId})
WHERE p:Mention OR p:Evidence
MATCH (p)-[:REFERS_TO|SUBJECT|OBJECT]->(e:Entity)
RETURN p.factKey AS factKey, collect(DISTINCT e.id) AS entityIds
