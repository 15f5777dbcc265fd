// Export: a page of fact edges in factKey order after $after.
MATCH (s:Entity)-[r]->(o:Entity)
WHERE r.factKey > $after
RETURN r.factKey AS factKey, type(r) AS type, s.id AS subjectId, o.id AS objectId,
       r.confidence AS confidence, r.evidenceCount AS evidenceCount, r.docCount AS docCount, r.firstSeen AS firstSeen,
       r.lastSeen AS lastSeen, r.sampleQuote AS sampleQuote, r.extractors AS extractors
ORDER BY r.factKey
LIMIT $limit
