// Shortest paths between two names, with evidence
// Set the names first, e.g.  :param from => 'first name';  :param to => 'second name'
// Only fact relationships between entities are walked, and the pattern says so itself: a WHERE after a shortest-path
// pattern filters the paths after they are chosen (Cypher manual, "Shortest paths": pre- and post-filters), and two
// names in one document always have a 4-hop path through their mentions, which would hide longer entity-only paths.
MATCH (a:Entity) WHERE toLower(a.name) = toLower($from) OR toLower($from) IN [x IN a.aliases | toLower(x)]
MATCH (b:Entity) WHERE toLower(b.name) = toLower($to) OR toLower($to) IN [x IN b.aliases | toLower(x)]
MATCH p = ALL SHORTEST (a)(()-[:EMPLOYED_BY|LEADS|MEMBER_OF|OWNS|PARTY_TO|AWARDED_BY|CONTRACTS_WITH|FUNDS|INVESTIGATES|SUBJECT_OF|COMMUNICATES_WITH|ASSOCIATED_WITH]-(:Entity)){1,6}(b)
UNWIND relationships(p) AS fact
OPTIONAL MATCH (ev:Evidence {factKey: fact.factKey})-[:IN_DOCUMENT]->(d:Document)
RETURN p, type(fact) AS type, startNode(fact).name AS subject, endNode(fact).name AS object,
       collect(ev.quote)[..3] AS quotes, collect(DISTINCT d.title)[..3] AS documents
LIMIT 25
