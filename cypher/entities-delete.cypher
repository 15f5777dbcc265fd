// Deletes entities that nothing supports any more (no mention, no fact), and the name keys no other entity has.
UNWIND $ids AS entityId
MATCH (e:Entity {id: entityId})
OPTIONAL MATCH (e)-[:NAMED]->(k:NameKey)
DETACH DELETE e
WITH DISTINCT k
WHERE k IS NOT NULL AND NOT EXISTS { (k)<-[:NAMED]-(:Entity) }
DELETE k
