// All evidence behind the given facts with the time each document reports it, to recompute fact totals.
UNWIND $factKeys AS key
MATCH (ev:Evidence {factKey: key})-[:IN_DOCUMENT]->(d:Document)
RETURN key AS factKey, ev.confidence AS confidence, ev.quote AS quote, ev.extractor AS extractor, ev.start AS start, d.id AS docId,
       coalesce(d.publishedAt, d.ingestedAt) AS reportedAt
ORDER BY factKey, reportedAt, ev.id
