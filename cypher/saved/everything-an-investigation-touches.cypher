// Everything an investigation touches
// :param name => 'words from the investigation name'
MATCH (i:Investigation) WHERE toLower(i.name) CONTAINS toLower($name)
MATCH p = (i)(()-[:EMPLOYED_BY|LEADS|MEMBER_OF|OWNS|PARTY_TO|AWARDED_BY|CONTRACTS_WITH|FUNDS|INVESTIGATES|SUBJECT_OF|COMMUNICATES_WITH|ASSOCIATED_WITH]-(:Entity)){1,2}(x:Entity)
RETURN p
LIMIT 200
