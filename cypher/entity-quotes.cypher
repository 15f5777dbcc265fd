// The sample quote of each entity's strongest fact (most documents, then confidence, then fact key; the order
// entity-facts lists them in), for the candidates of an ambiguous name. Entities without facts give no row.
UNWIND $ids AS entityId
MATCH (e:Entity {id: entityId})
CALL (e) {
  MATCH (e)-[r:EMPLOYED_BY|LEADS|MEMBER_OF|OWNS|PARTY_TO|AWARDED_BY|CONTRACTS_WITH|FUNDS|INVESTIGATES|SUBJECT_OF|COMMUNICATES_WITH|ASSOCIATED_WITH]-(:Entity)
  RETURN r.sampleQuote AS quote
  ORDER BY r.docCount DESC, r.confidence DESC, r.factKey
  LIMIT 1
}
RETURN e.id AS id, quote
