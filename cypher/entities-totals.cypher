// Recomputes entity totals from mentions and evidence, and counts the fact edges that still touch each entity.
UNWIND $ids AS entityId
MATCH (e:Entity {id: entityId})
OPTIONAL MATCH (e)<-[:REFERS_TO|SUBJECT|OBJECT]-(p)-[:IN_DOCUMENT]->(d:Document)
WITH e, count(DISTINCT CASE WHEN p:Mention THEN p END) AS mentionCount, count(DISTINCT d) AS docCount,
     min(coalesce(d.publishedAt, d.ingestedAt)) AS firstSeen, max(coalesce(d.publishedAt, d.ingestedAt)) AS lastSeen
RETURN e.id AS id, mentionCount, docCount, firstSeen, lastSeen, COUNT { (e)--(:Entity) } AS degree
