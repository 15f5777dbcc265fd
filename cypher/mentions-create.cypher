// One document's mentions, each linked to its document and the entity it names. Each also carries its entity's id and
// its document's report time, so the mention_entity_reported index can answer an entity's first and last seen.
MATCH (d:Document {id: $docId})
UNWIND $rows AS row
MATCH (e:Entity {id: row.entityId})
MERGE (m:Mention {id: row.id})
SET m += row.props, m.entityId = e.id, m.reportedAt = coalesce(d.publishedAt, d.ingestedAt)
MERGE (m)-[:IN_DOCUMENT]->(d)
MERGE (m)-[:REFERS_TO]->(e)
