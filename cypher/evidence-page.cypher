// A page of the evidence behind one fact, strongest first.
MATCH (ev:Evidence {factKey: $factKey})-[:IN_DOCUMENT]->(d:Document)
RETURN ev.id AS id, ev.factKey AS factKey, d.id AS docId, d.title AS title, d.sourceUri AS sourceUri, ev.start AS start,
       ev.end AS end, ev.quote AS quote, ev.citations AS citations, ev.extractor AS extractor, ev.confidence AS confidence,
       d.publishedAt AS publishedAt
ORDER BY ev.confidence DESC, d.id, ev.start, ev.id
SKIP $offset
LIMIT $limit
