// Deletes entities that nothing supports any more (no mention, no fact).
UNWIND $ids AS entityId
MATCH (e:Entity {id: entityId})
DETACH DELETE e
