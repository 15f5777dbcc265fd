// Facts touching one entity, filtered as path searches are, strongest first. The fact types are named so the
// match never reads the entity's mention and evidence links.
MATCH (e:Entity {id: $entityId})-[r:EMPLOYED_BY|LEADS|MEMBER_OF|OWNS|PARTY_TO|AWARDED_BY|CONTRACTS_WITH|FUNDS|INVESTIGATES|SUBJECT_OF|COMMUNICATES_WITH|ASSOCIATED_WITH]-(n:Entity)
WHERE (size($types) = 0 OR type(r) IN $types)
  AND r.confidence >= $minConfidence AND r.docCount >= $minDocs
  AND ($reportedFrom IS NULL OR r.firstSeen >= $reportedFrom)
  AND ($reportedTo IS NULL OR r.firstSeen <= $reportedTo)
RETURN r.factKey AS factKey, type(r) AS type, startNode(r).id AS subjectId, endNode(r).id AS objectId,
       r.confidence AS confidence, r.evidenceCount AS evidenceCount, r.docCount AS docCount, r.firstSeen AS firstSeen,
       r.lastSeen AS lastSeen, r.sampleQuote AS sampleQuote, r.extractors AS extractors,
       n.id AS otherId, n.kind AS otherKind, n.name AS otherName, n.aliases AS otherAliases,
       n.mentionCount AS otherMentionCount, n.docCount AS otherDocCount
ORDER BY r.docCount DESC, r.confidence DESC, r.factKey
LIMIT $limit
