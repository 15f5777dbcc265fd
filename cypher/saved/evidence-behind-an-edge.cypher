// The evidence behind an edge
// Click an edge, copy its factKey, then  :param factKey => 'fact_...'
MATCH (ev:Evidence {factKey: $factKey})-[:IN_DOCUMENT]->(d:Document)
MATCH (ev)-[:SUBJECT]->(s:Entity), (ev)-[:OBJECT]->(o:Entity)
RETURN s.name AS subject, o.name AS object, ev.quote AS quote, ev.citations AS citations, ev.confidence AS confidence,
       ev.extractor AS extractor, d.title AS document, d.sourceUri AS source, ev.start AS start, ev.end AS end
ORDER BY ev.confidence DESC
