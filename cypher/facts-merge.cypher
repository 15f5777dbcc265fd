// Creates fact edges keyed by factKey and says which were new. Relationship types cannot be parameters
// in Cypher 5, so one FOREACH branch per type runs the MERGE for the rows of that type (no APOC needed). A new edge
// starts with empty running totals (facts-add fills them) and adds one to the degree of each end (facts-prune takes
// it off when the edge goes).
UNWIND $rows AS row
MATCH (s:Entity {id: row.subjectId})
MATCH (o:Entity {id: row.objectId})
OPTIONAL MATCH (s)-[old:EMPLOYED_BY|LEADS|MEMBER_OF|OWNS|PARTY_TO|AWARDED_BY|CONTRACTS_WITH|FUNDS|INVESTIGATES|SUBJECT_OF|COMMUNICATES_WITH|ASSOCIATED_WITH {factKey: row.factKey}]->(o)
WITH row, s, o, old IS NULL AS created
FOREACH (_ IN CASE WHEN row.type = 'EMPLOYED_BY' THEN [1] ELSE [] END | MERGE (s)-[:EMPLOYED_BY {factKey: row.factKey}]->(o))
FOREACH (_ IN CASE WHEN row.type = 'LEADS' THEN [1] ELSE [] END | MERGE (s)-[:LEADS {factKey: row.factKey}]->(o))
FOREACH (_ IN CASE WHEN row.type = 'MEMBER_OF' THEN [1] ELSE [] END | MERGE (s)-[:MEMBER_OF {factKey: row.factKey}]->(o))
FOREACH (_ IN CASE WHEN row.type = 'OWNS' THEN [1] ELSE [] END | MERGE (s)-[:OWNS {factKey: row.factKey}]->(o))
FOREACH (_ IN CASE WHEN row.type = 'PARTY_TO' THEN [1] ELSE [] END | MERGE (s)-[:PARTY_TO {factKey: row.factKey}]->(o))
FOREACH (_ IN CASE WHEN row.type = 'AWARDED_BY' THEN [1] ELSE [] END | MERGE (s)-[:AWARDED_BY {factKey: row.factKey}]->(o))
FOREACH (_ IN CASE WHEN row.type = 'CONTRACTS_WITH' THEN [1] ELSE [] END | MERGE (s)-[:CONTRACTS_WITH {factKey: row.factKey}]->(o))
FOREACH (_ IN CASE WHEN row.type = 'FUNDS' THEN [1] ELSE [] END | MERGE (s)-[:FUNDS {factKey: row.factKey}]->(o))
FOREACH (_ IN CASE WHEN row.type = 'INVESTIGATES' THEN [1] ELSE [] END | MERGE (s)-[:INVESTIGATES {factKey: row.factKey}]->(o))
FOREACH (_ IN CASE WHEN row.type = 'SUBJECT_OF' THEN [1] ELSE [] END | MERGE (s)-[:SUBJECT_OF {factKey: row.factKey}]->(o))
FOREACH (_ IN CASE WHEN row.type = 'COMMUNICATES_WITH' THEN [1] ELSE [] END | MERGE (s)-[:COMMUNICATES_WITH {factKey: row.factKey}]->(o))
FOREACH (_ IN CASE WHEN row.type = 'ASSOCIATED_WITH' THEN [1] ELSE [] END | MERGE (s)-[:ASSOCIATED_WITH {factKey: row.factKey}]->(o))
WITH row, s, o, created
MATCH (s)-[r:EMPLOYED_BY|LEADS|MEMBER_OF|OWNS|PARTY_TO|AWARDED_BY|CONTRACTS_WITH|FUNDS|INVESTIGATES|SUBJECT_OF|COMMUNICATES_WITH|ASSOCIATED_WITH {factKey: row.factKey}]->(o)
FOREACH (_ IN CASE WHEN created THEN [1] ELSE [] END |
  SET r += {evidenceCount: 0, docCount: 0, confidence: 0.0, untrue: 1.0, certainDocs: 0, docIds: [], extractors: [], extractorCounts: []})
FOREACH (n IN CASE WHEN NOT created THEN [] WHEN s = o THEN [s] ELSE [s, o] END | SET n.degree = coalesce(n.degree, 0) + 1)
RETURN row.factKey AS factKey, created
