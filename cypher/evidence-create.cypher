// One document's evidence; factKey joins it to the fact edge (a node cannot point at a relationship). Each also carries
// its document's report time and its negated confidence, so indexes in factKey order (schema.cypher) can answer a
// fact's first and last seen and its best evidence without reading the rest.
MATCH (d:Document {id: $docId})
UNWIND $rows AS row
MATCH (s:Entity {id: row.subjectId})
MATCH (o:Entity {id: row.objectId})
MERGE (ev:Evidence {id: row.id})
SET ev += row.props, ev.reportedAt = coalesce(d.publishedAt, d.ingestedAt), ev.negConfidence = -row.props.confidence
MERGE (ev)-[:IN_DOCUMENT]->(d)
MERGE (ev)-[:SUBJECT]->(s)
MERGE (ev)-[:OBJECT]->(o)
