// Export: a page of evidence in id order after $after.
MATCH (ev:Evidence)-[:IN_DOCUMENT]->(d:Document)
WHERE ev.id > $after
RETURN ev.id AS id, ev.factKey AS factKey, d.id AS docId, d.title AS title, d.sourceUri AS sourceUri, ev.start AS start,
       ev.end AS end, ev.quote AS quote, ev.citations AS citations, ev.extractor AS extractor, ev.confidence AS confidence
ORDER BY ev.id
LIMIT $limit
