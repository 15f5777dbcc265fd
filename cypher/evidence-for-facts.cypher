// The best few pieces of evidence for each fact of a path answer.
UNWIND $factKeys AS key
MATCH (ev:Evidence {factKey: key})-[:IN_DOCUMENT]->(d:Document)
WITH key, ev, d
ORDER BY ev.confidence DESC, d.id, ev.start, ev.id
WITH key, collect({id: ev.id, docId: d.id, title: d.title, sourceUri: d.sourceUri, start: ev.start, end: ev.end,
                   quote: ev.quote, citations: ev.citations, extractor: ev.extractor, confidence: ev.confidence})[..$perFact] AS items
RETURN key AS factKey, items
