// Recomputes from their history the totals of entities a write touched that nothing mentions (entities-state says which;
// the embedded store recounts those too: an entity only the text's facts imply is named by few documents), after
// write-locking each (the SET; the adapter sends ids in order), and says which ones nothing supports any more (no
// mention, no fact): entities-delete removes those. An entity's documents are those that mention it; one that nothing
// mentions falls back to the documents giving evidence for its facts.
UNWIND $ids AS entityId
MATCH (e:Entity {id: entityId})
SET e.recounting = true
WITH e
CALL (e) {
  OPTIONAL MATCH (e)<-[:REFERS_TO]-(m:Mention)-[:IN_DOCUMENT]->(md:Document)
  RETURN count(DISTINCT m) AS mentionCount, collect(DISTINCT md) AS mentionDocs
}
CALL (e) {
  OPTIONAL MATCH (e)<-[:SUBJECT|OBJECT]-(:Evidence)-[:IN_DOCUMENT]->(ed:Document)
  RETURN collect(DISTINCT ed) AS evidenceDocs
}
WITH e, mentionCount, CASE WHEN mentionCount > 0 THEN mentionDocs ELSE evidenceDocs END AS docs,
     COUNT { (e)-[:EMPLOYED_BY|LEADS|MEMBER_OF|OWNS|PARTY_TO|AWARDED_BY|CONTRACTS_WITH|FUNDS|INVESTIGATES|SUBJECT_OF|COMMUNICATES_WITH|ASSOCIATED_WITH]-(:Entity) } AS degree
WITH e, mentionCount, degree, size(docs) AS docCount,
     COLLECT { UNWIND docs AS d WITH coalesce(d.publishedAt, d.ingestedAt) AS t WHERE t IS NOT NULL RETURN t ORDER BY t } AS seen
SET e.mentionCount = mentionCount, e.docCount = docCount, e.degree = degree, e.firstSeen = seen[0], e.lastSeen = seen[-1]
REMOVE e.recounting
RETURN e.id AS id, mentionCount = 0 AND degree = 0 AS unsupported
