// Entities whose normalised name or alias contains the key: exact first, then prefix, then contains.
MATCH (e:Entity)
WHERE ($kind IS NULL OR e.kind = $kind) AND any(k IN e.nameKeys WHERE k CONTAINS $key)
WITH e, CASE WHEN $key IN e.nameKeys THEN 0 WHEN any(k IN e.nameKeys WHERE k STARTS WITH $key) THEN 1 ELSE 2 END AS rank
RETURN e.id AS id, e.kind AS kind, e.name AS name, e.aliases AS aliases, e.mentionCount AS mentionCount, e.docCount AS docCount
ORDER BY rank, e.docCount DESC, e.mentionCount DESC, e.name, e.id
LIMIT $limit
