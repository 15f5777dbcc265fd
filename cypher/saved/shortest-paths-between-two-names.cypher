// Shortest paths between two names, with evidence
// Set the names first, e.g.  :param from => 'first name';  :param to => 'second name'
MATCH (a:Entity) WHERE toLower(a.name) = toLower($from) OR toLower($from) IN [x IN a.aliases | toLower(x)]
MATCH (b:Entity) WHERE toLower(b.name) = toLower($to) OR toLower($to) IN [x IN b.aliases | toLower(x)]
MATCH p = ALL SHORTEST (a)--{1,6}(b)
WHERE all(n IN nodes(p) WHERE n:Entity)
UNWIND relationships(p) AS fact
OPTIONAL MATCH (ev:Evidence {factKey: fact.factKey})-[:IN_DOCUMENT]->(d:Document)
RETURN p, type(fact) AS type, startNode(fact).name AS subject, endNode(fact).name AS object,
       collect(ev.quote)[..3] AS quotes, collect(DISTINCT d.title)[..3] AS documents
LIMIT 25
