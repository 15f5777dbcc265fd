// Entities whose normalised name or alias contains the key: exact first, then prefix, then contains. The NameKey
// text index answers CONTAINS, so only matching keys are read, never every entity.
MATCH (k:NameKey) WHERE k.key CONTAINS $key
MATCH (k)<-[:NAMED]-(e:Entity)
WHERE $kind IS NULL OR e.kind = $kind
WITH e, min(CASE WHEN k.key = $key THEN 0 WHEN k.key STARTS WITH $key THEN 1 ELSE 2 END) AS rank
RETURN e.id AS id, e.kind AS kind, e.name AS name, e.aliases AS aliases, e.mentionCount AS mentionCount, e.docCount AS docCount
ORDER BY rank, e.docCount DESC, e.mentionCount DESC, e.name, e.id
LIMIT $limit
