// Writes recomputed totals onto fact edges, found from their two entities.
UNWIND $rows AS row
MATCH (:Entity {id: row.subjectId})-[r:EMPLOYED_BY|LEADS|MEMBER_OF|OWNS|PARTY_TO|AWARDED_BY|CONTRACTS_WITH|FUNDS|INVESTIGATES|SUBJECT_OF|COMMUNICATES_WITH|ASSOCIATED_WITH {factKey: row.factKey}]->(:Entity {id: row.objectId})
SET r += row.props
