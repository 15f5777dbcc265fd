// Simple paths between two entities up to maxHops, shortest first, at most $k. The adapter replaces the quantifier's 6
// with the validated maxHops, so the walk never goes deeper than asked; only fact relationships are walked, and no
// node repeats (checked inside the pattern, as in paths-k-shortest).
MATCH p = ((a:Entity {id: $fromId})
  (()-[r:EMPLOYED_BY|LEADS|MEMBER_OF|OWNS|PARTY_TO|AWARDED_BY|CONTRACTS_WITH|FUNDS|INVESTIGATES|SUBJECT_OF|COMMUNICATES_WITH|ASSOCIATED_WITH
          WHERE (size($types) = 0 OR type(r) IN $types) AND r.confidence >= $minConfidence AND r.docCount >= $minDocs
            AND ($reportedFrom IS NULL OR r.firstSeen >= $reportedFrom) AND ($reportedTo IS NULL OR r.firstSeen <= $reportedTo)]-
   (y:Entity WHERE y.id = $toId
          OR ((size($middleKinds) = 0 OR y.kind IN $middleKinds) AND ($maxDegree IS NULL OR y.degree <= $maxDegree)))){1,6}
  (b:Entity {id: $toId})
  WHERE NOT a IN y AND all(i IN range(0, size(y) - 2) WHERE NOT y[i] IN y[i + 1..]))
RETURN [n IN nodes(p) | n {.id, .kind, .name, .aliases, .mentionCount, .docCount}] AS nodes,
       [rel IN relationships(p) | rel {.factKey, .confidence, .evidenceCount, .docCount, .firstSeen, .lastSeen, .sampleQuote,
          .extractors, type: type(rel), subjectId: startNode(rel).id, objectId: endNode(rel).id}] AS facts
// shorter first; among equals more supporting documents, then higher joint confidence, then ids (as the embedded store ranks)
ORDER BY length(p), reduce(total = 0, rel IN relationships(p) | total + rel.docCount) DESC,
         reduce(joint = 1.0, rel IN relationships(p) | joint * rel.confidence) DESC, [n IN nodes(p) | n.id], [rel IN relationships(p) | rel.factKey]
LIMIT $k
