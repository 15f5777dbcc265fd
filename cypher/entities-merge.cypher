// Upserts entities with their kind label and says which were new; aliases and name keys accumulate,
// the first canonical name stays, attributes the text did not give are left as they were. Each name key is also a
// (:NameKey) node the entity is NAMED by, so lookups go through an index (schema.cypher).
UNWIND $rows AS row
OPTIONAL MATCH (old:Entity {id: row.id})
WITH row, old IS NULL AS created
MERGE (e:Entity {id: row.id})
ON CREATE SET e.name = row.name, e.aliases = [], e.nameKeys = [], e.mentionCount = 0, e.docCount = 0, e.degree = 0
SET e += row.props,
    e.aliases = reduce(acc = coalesce(e.aliases, []), a IN row.aliases | CASE WHEN a IN acc OR a = e.name THEN acc ELSE acc + a END),
    e.nameKeys = reduce(acc = coalesce(e.nameKeys, []), k IN row.nameKeys | CASE WHEN k IN acc THEN acc ELSE acc + k END)
FOREACH (_ IN CASE WHEN row.kind = 'Person' THEN [1] ELSE [] END | SET e:Person)
FOREACH (_ IN CASE WHEN row.kind = 'Organisation' THEN [1] ELSE [] END | SET e:Organisation)
FOREACH (_ IN CASE WHEN row.kind = 'Contract' THEN [1] ELSE [] END | SET e:Contract)
FOREACH (_ IN CASE WHEN row.kind = 'Investigation' THEN [1] ELSE [] END | SET e:Investigation)
FOREACH (key IN row.nameKeys | MERGE (k:NameKey {key: key}) MERGE (e)-[:NAMED]->(k))
RETURN row.id AS id, created
