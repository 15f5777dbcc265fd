// At start: links entities stored without NameKey nodes (by an earlier version, neo4j-admin import or an exported
// script, which carry e.nameKeys) to their keys, $limit entities at a time; the adapter repeats it until fewer come back.
MATCH (e:Entity)
WHERE NOT EXISTS { (e)-[:NAMED]->(:NameKey) } AND size(coalesce(e.nameKeys, [])) > 0
WITH e LIMIT $limit
FOREACH (key IN e.nameKeys | MERGE (k:NameKey {key: key}) MERGE (e)-[:NAMED]->(k))
RETURN count(e) AS linked
