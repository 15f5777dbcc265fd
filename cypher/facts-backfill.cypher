// At start, on a database whose facts have no running totals yet (written by an earlier version, or loaded from an
// export; store-format says whether to look): gives $limit such fact edges their running state from all their
// evidence, once; the adapter repeats it until fewer come back. The same totals as facts-add keeps (see there).
MATCH (:Entity)-[r:EMPLOYED_BY|LEADS|MEMBER_OF|OWNS|PARTY_TO|AWARDED_BY|CONTRACTS_WITH|FUNDS|INVESTIGATES|SUBJECT_OF|COMMUNICATES_WITH|ASSOCIATED_WITH]->(:Entity)
WHERE r.extractorCounts IS NULL
WITH r LIMIT $limit
CALL (r) {
  OPTIONAL MATCH (ev:Evidence {factKey: r.factKey})-[:IN_DOCUMENT]->(d:Document)
  WITH d, count(ev) AS n, max(ev.confidence) AS best, collect(ev.extractor) AS extractors
  ORDER BY d.id
  WITH sum(n) AS evidenceCount, count(d) AS docCount, collect(d.id)[..20] AS docIds,
       [b IN collect(best) | CASE WHEN b > 1.0 THEN 1.0 WHEN b < 0.0 THEN 0.0 ELSE b END] AS bests,
       min(coalesce(d.publishedAt, d.ingestedAt)) AS firstSeen, max(coalesce(d.publishedAt, d.ingestedAt)) AS lastSeen,
       reduce(acc = [], xs IN collect(extractors) | acc + xs) AS allExtractors
  RETURN evidenceCount, docCount, docIds, firstSeen, lastSeen, allExtractors,
         size([b IN bests WHERE b >= 1.0]) AS certainDocs,
         reduce(untrue = 1.0, b IN [x IN bests WHERE x < 1.0] | untrue * (1.0 - b)) AS untrue
}
CALL (r) {
  OPTIONAL MATCH (ev:Evidence {factKey: r.factKey})-[:IN_DOCUMENT]->(d:Document)
  WITH ev, d
  ORDER BY ev.confidence DESC, d.id, ev.start
  RETURN head(collect(ev { .quote, .confidence, .start, docId: d.id })) AS sample
}
WITH r, evidenceCount, docCount, docIds, firstSeen, lastSeen, allExtractors, sample, certainDocs, untrue,
     COLLECT { UNWIND allExtractors AS x WITH DISTINCT x WHERE x <> '' RETURN x ORDER BY x } AS extractors
SET r += {evidenceCount: evidenceCount, docCount: docCount, docIds: docIds, firstSeen: firstSeen, lastSeen: lastSeen,
          certainDocs: certainDocs, untrue: untrue, confidence: CASE WHEN certainDocs > 0 THEN 1.0 ELSE 1.0 - untrue END,
          extractors: extractors, extractorCounts: [x IN extractors | size([y IN allExtractors WHERE y = x])],
          sampleQuote: sample.quote, sampleConfidence: sample.confidence, sampleDocId: sample.docId, sampleStart: sample.start}
RETURN count(r) AS done
