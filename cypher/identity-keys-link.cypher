// Gives entities their identity keys ($rows: id and keys) as NameKey nodes and in e.nameKeys, as entities-merge does;
// with $done, also marks the store as holding them all (identity-keys-page then returns nothing).
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
SET e.nameKeys = reduce(acc = coalesce(e.nameKeys, []), k IN row.keys | CASE WHEN k IN acc THEN acc ELSE acc + k END)
FOREACH (key IN row.keys | MERGE (k:NameKey {key: key}) MERGE (e)-[:NAMED]->(k))
WITH count(*) AS linked
FOREACH (_ IN CASE WHEN $done THEN [1] ELSE [] END | MERGE (f:StoreFormat) SET f.identityKeys = true)
RETURN linked
