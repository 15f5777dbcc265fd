// After a write, deletes the facts it touched that no evidence supports any more (their running evidenceCount is 0),
// taking one off the degree of each end; says which were deleted. Rows come in factKey order and each edge is
// write-locked (the SET of adjusting) before its count is read.
UNWIND $rows AS row
MATCH (s:Entity {id: row.subjectId})-[r:EMPLOYED_BY|LEADS|MEMBER_OF|OWNS|PARTY_TO|AWARDED_BY|CONTRACTS_WITH|FUNDS|INVESTIGATES|SUBJECT_OF|COMMUNICATES_WITH|ASSOCIATED_WITH {factKey: row.factKey}]->(o:Entity {id: row.objectId})
SET r.adjusting = true
WITH row, s, o, r, coalesce(r.evidenceCount = 0, false) AS removed
REMOVE r.adjusting
FOREACH (n IN CASE WHEN NOT removed THEN [] WHEN s = o THEN [s] ELSE [s, o] END | SET n.degree = n.degree - 1)
FOREACH (_ IN CASE WHEN removed THEN [1] ELSE [] END | DELETE r)
RETURN row.factKey AS factKey, removed
