// All shortest paths between two entities (shortest length only, at most $k), walked in either direction over
// fact relationships only (named, so a hop never reads an entity's mention and evidence links).
// Every filter sits inside the pattern, so it holds before the shortest paths are chosen (Cypher manual, "Shortest
// paths": predicates in the pattern are pre-filters). A shortest walk never repeats a node, so no simplicity check.
// The adapter replaces the quantifier's 6 with the request's validated maxHops (a literal: Cypher 5 takes no parameter there).
MATCH p = ALL SHORTEST (a:Entity {id: $fromId})
  (()-[r:EMPLOYED_BY|LEADS|MEMBER_OF|OWNS|PARTY_TO|AWARDED_BY|CONTRACTS_WITH|FUNDS|INVESTIGATES|SUBJECT_OF|COMMUNICATES_WITH|ASSOCIATED_WITH
          WHERE (size($types) = 0 OR type(r) IN $types) AND r.confidence >= $minConfidence AND r.docCount >= $minDocs
            AND ($reportedFrom IS NULL OR r.firstSeen >= $reportedFrom) AND ($reportedTo IS NULL OR r.firstSeen <= $reportedTo)]-
   (y:Entity WHERE y.id = $toId
          OR ((size($middleKinds) = 0 OR y.kind IN $middleKinds) AND ($maxDegree IS NULL OR y.degree <= $maxDegree)))){1,6}
  (b:Entity {id: $toId})
RETURN [n IN nodes(p) | n {.id, .kind, .name, .aliases, .mentionCount, .docCount}] AS nodes,
       [rel IN relationships(p) | rel {.factKey, .confidence, .evidenceCount, .docCount, .firstSeen, .lastSeen, .sampleQuote,
          .extractors, type: type(rel), subjectId: startNode(rel).id, objectId: endNode(rel).id}] AS facts
// shorter first; among equals more supporting documents, then higher joint confidence, then ids (as the embedded store ranks)
ORDER BY length(p), reduce(total = 0, rel IN relationships(p) | total + rel.docCount) DESC,
         reduce(joint = 1.0, rel IN relationships(p) | joint * rel.confidence) DESC, [n IN nodes(p) | n.id], [rel IN relationships(p) | rel.factKey]
LIMIT $k
