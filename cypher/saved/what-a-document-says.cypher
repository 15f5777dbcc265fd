// What a document says
// :param source => 'words from the document title or source'
MATCH (d:Document)
WHERE toLower(d.title) CONTAINS toLower($source) OR toLower(d.sourceUri) CONTAINS toLower($source)
MATCH (ev:Evidence)-[:IN_DOCUMENT]->(d)
MATCH (ev)-[:SUBJECT]->(s:Entity), (ev)-[:OBJECT]->(o:Entity)
MATCH (s)-[fact:EMPLOYED_BY|LEADS|MEMBER_OF|OWNS|PARTY_TO|AWARDED_BY|CONTRACTS_WITH|FUNDS|INVESTIGATES|SUBJECT_OF|COMMUNICATES_WITH|ASSOCIATED_WITH {factKey: ev.factKey}]->(o)
RETURN d.title AS document, s.name AS subject, type(fact) AS says, o.name AS object, ev.quote AS quote
ORDER BY ev.start
