// Recomputes the totals of the facts a write touched from all their evidence, inside Neo4j (one flag per fact comes
// back, no evidence rows), and deletes a fact left without evidence. Each fact edge is write-locked first (the SET), and
// the adapter sends rows in factKey order: concurrent writers (API, watch, CLI) then recount one after another, each
// after the other's evidence committed, instead of overwriting each other's totals under read-committed isolation.
// The embedded store's totals: confidence is the noisy-or over documents of each document's best evidence;
// docIds the first 20 document ids in id order (as the exports keep them); the sample quote the most confident one.
UNWIND $rows AS row
MATCH (:Entity {id: row.subjectId})-[r:EMPLOYED_BY|LEADS|MEMBER_OF|OWNS|PARTY_TO|AWARDED_BY|CONTRACTS_WITH|FUNDS|INVESTIGATES|SUBJECT_OF|COMMUNICATES_WITH|ASSOCIATED_WITH {factKey: row.factKey}]->(:Entity {id: row.objectId})
SET r.recounting = true
WITH row, r
CALL (r) {
  OPTIONAL MATCH (ev:Evidence {factKey: r.factKey})-[:IN_DOCUMENT]->(d:Document)
  WITH d, count(ev) AS n, max(ev.confidence) AS best, collect(ev.extractor) AS extractors
  ORDER BY d.id
  RETURN sum(n) AS evidenceCount, count(d) AS docCount, collect(d.id)[..20] AS docIds,
         1.0 - reduce(untrue = 1.0, b IN collect(best) | untrue * (1.0 - CASE WHEN b > 1.0 THEN 1.0 WHEN b < 0.0 THEN 0.0 ELSE b END)) AS confidence,
         min(coalesce(d.publishedAt, d.ingestedAt)) AS firstSeen, max(coalesce(d.publishedAt, d.ingestedAt)) AS lastSeen,
         reduce(acc = [], xs IN collect(extractors) | acc + xs) AS allExtractors
}
CALL (r) {
  OPTIONAL MATCH (ev:Evidence {factKey: r.factKey})-[:IN_DOCUMENT]->(d:Document)
  WITH ev, d
  ORDER BY ev.confidence DESC, d.id, ev.start
  RETURN head(collect(ev.quote)) AS sampleQuote
}
WITH row, r, evidenceCount, docCount, docIds, confidence, firstSeen, lastSeen, sampleQuote,
     COLLECT { UNWIND allExtractors AS x WITH DISTINCT x WHERE x <> '' RETURN x ORDER BY x } AS extractors
REMOVE r.recounting
FOREACH (_ IN CASE WHEN evidenceCount > 0 THEN [1] ELSE [] END |
  SET r += {confidence: confidence, evidenceCount: evidenceCount, docCount: docCount, firstSeen: firstSeen, lastSeen: lastSeen,
            docIds: docIds, sampleQuote: sampleQuote, extractors: extractors})
FOREACH (_ IN CASE WHEN evidenceCount = 0 THEN [1] ELSE [] END | DELETE r)
RETURN row.factKey AS factKey, evidenceCount = 0 AS removed
