// Everything an investigation touches
// :param name => 'words from the investigation name'
MATCH (i:Investigation) WHERE toLower(i.name) CONTAINS toLower($name)
MATCH p = (i)-[*1..2]-(x:Entity)
WHERE all(n IN nodes(p) WHERE n:Entity)
RETURN p
LIMIT 200
