// One fact edge by its key, reached through its evidence (the factKey index) rather than a scan of all relationships.
MATCH (ev:Evidence {factKey: $factKey})-[:SUBJECT]->(s:Entity)
WITH s LIMIT 1
MATCH (s)-[r:EMPLOYED_BY|LEADS|MEMBER_OF|OWNS|PARTY_TO|AWARDED_BY|CONTRACTS_WITH|FUNDS|INVESTIGATES|SUBJECT_OF|COMMUNICATES_WITH|ASSOCIATED_WITH {factKey: $factKey}]->(o:Entity)
RETURN r.factKey AS factKey, type(r) AS type, s.id AS subjectId, o.id AS objectId,
       r.confidence AS confidence, r.evidenceCount AS evidenceCount, r.docCount AS docCount, r.firstSeen AS firstSeen,
       r.lastSeen AS lastSeen, r.sampleQuote AS sampleQuote, r.extractors AS extractors
