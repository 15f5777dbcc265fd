// Export: a page of one type's fact edges in factKey order after $after, read in order from that type's factKey
// uniqueness-constraint index. The adapter runs it once per fact type, replacing EMPLOYED_BY (Cypher 5 takes no
// parameter for a relationship type).
MATCH (s:Entity)-[r:EMPLOYED_BY]->(o:Entity)
WHERE r.factKey > $after
RETURN r.factKey AS factKey, type(r) AS type, s.id AS subjectId, o.id AS objectId,
       r.confidence AS confidence, r.evidenceCount AS evidenceCount, r.docCount AS docCount, r.firstSeen AS firstSeen,
       r.lastSeen AS lastSeen, r.sampleQuote AS sampleQuote, r.extractors AS extractors
ORDER BY r.factKey
LIMIT $limit
