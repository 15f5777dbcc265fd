// One document's evidence; factKey joins it to the fact edge (a node cannot point at a relationship).
MATCH (d:Document {id: $docId})
UNWIND $rows AS row
MATCH (s:Entity {id: row.subjectId})
MATCH (o:Entity {id: row.objectId})
MERGE (ev:Evidence {id: row.id})
SET ev += row.props
MERGE (ev)-[:IN_DOCUMENT]->(d)
MERGE (ev)-[:SUBJECT]->(s)
MERGE (ev)-[:OBJECT]->(o)
