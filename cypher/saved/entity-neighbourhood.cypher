// An entity and its neighbourhood
// :param name => 'a name'
MATCH (e:Entity) WHERE toLower(e.name) CONTAINS toLower($name)
MATCH p = (e)-[]-(:Entity)
RETURN p
LIMIT 100
