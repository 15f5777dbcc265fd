// One document's mentions, each linked to its document and the entity it names.
MATCH (d:Document {id: $docId})
UNWIND $rows AS row
MATCH (e:Entity {id: row.entityId})
MERGE (m:Mention {id: row.id})
SET m += row.props
MERGE (m)-[:IN_DOCUMENT]->(d)
MERGE (m)-[:REFERS_TO]->(e)
