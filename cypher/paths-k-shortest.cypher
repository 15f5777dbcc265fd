// The $k best simple paths between two entities up to maxHops, ranked as the embedded store ranks them.
// SHORTEST n GROUPS keeps every path of the n shortest lengths, so the top $k by length and then evidence are all
// among them and ORDER BY picks them deterministically (SHORTEST k alone picks among equal lengths in no
// particular order). The simplicity check is inside the parenthesised pattern, a pre-filter applied before the
// groups are chosen; a WHERE after the pattern would run after selection and could leave fewer than $k (Cypher
// manual, "Shortest paths", pre-filters and post-filters). The adapter replaces the 6 of the quantifier with the
// validated maxHops and the 6 groups with min($k, maxHops): there are at most maxHops lengths (Cypher 5 takes literals there).
MATCH p = SHORTEST 6 GROUPS ((a:Entity {id: $fromId})
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
