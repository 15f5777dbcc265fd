// Recomputes entity totals and counts the fact edges that still touch each entity. An entity's documents
// are those that mention it; one that nothing mentions falls back to the documents giving evidence for its facts.
UNWIND $ids AS entityId
MATCH (e:Entity {id: entityId})
OPTIONAL MATCH (e)<-[:REFERS_TO]-(m:Mention)-[:IN_DOCUMENT]->(md:Document)
WITH e, count(DISTINCT m) AS mentionCount, collect(DISTINCT md) AS mentionDocs
OPTIONAL MATCH (e)<-[:SUBJECT|OBJECT]-(:Evidence)-[:IN_DOCUMENT]->(ed:Document)
WITH e, mentionCount, mentionDocs, collect(DISTINCT ed) AS evidenceDocs
WITH e, mentionCount, CASE WHEN mentionCount > 0 THEN mentionDocs ELSE evidenceDocs END AS docs
RETURN e.id AS id, mentionCount, size(docs) AS docCount, [d IN docs | coalesce(d.publishedAt, d.ingestedAt)] AS reportedAt,
       COUNT { (e)-[:EMPLOYED_BY|LEADS|MEMBER_OF|OWNS|PARTY_TO|AWARDED_BY|CONTRACTS_WITH|FUNDS|INVESTIGATES|SUBJECT_OF|COMMUNICATES_WITH|ASSOCIATED_WITH]-(:Entity) } AS degree
