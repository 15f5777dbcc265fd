// The documents that mention an entity, or hold evidence of a fact it is an end of, in id order.
MATCH (:Entity {id: $entityId})<-[:REFERS_TO|SUBJECT|OBJECT]-(p)-[:IN_DOCUMENT]->(d:Document)
WHERE p:Mention OR p:Evidence
RETURN DISTINCT d.id AS docId
ORDER BY docId
