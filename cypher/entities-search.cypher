// Entities whose name, alias or loose form (an "n:" NameKey, Core's NameVariants.LooseKey) matches the query's forms
// ($forms: its name key and loose form, Core's NameQuery): exact first, then prefix, then contains ($containsForms, empty
// for queries under three characters); then most documents. Each form is looked up as a plain key and as an "n:" key
// through the NameKey indexes (STARTS WITH and CONTAINS use the text index), so only matching keys are read. Family keys
// ("f:") never match, and a plain form is never compared with identity keys: every "n:" key starts with "n".
CALL () {
  UNWIND $forms AS form
  UNWIND [form, 'n:' + form] AS prefix
  MATCH (k:NameKey)
  WHERE k.key STARTS WITH prefix AND (prefix STARTS WITH 'n:' OR NOT k.key CONTAINS ':')
  RETURN k, CASE WHEN k.key = prefix THEN 0 ELSE 1 END AS rank
  UNION ALL
  UNWIND $containsForms AS form
  MATCH (k:NameKey)
  WHERE k.key CONTAINS form AND NOT k.key STARTS WITH 'f:'
  RETURN k, 2 AS rank
}
MATCH (k)<-[:NAMED]-(e:Entity)
WHERE $kind IS NULL OR e.kind = $kind
WITH e, min(rank) AS rank
RETURN e.id AS id, e.kind AS kind, e.name AS name, e.aliases AS aliases, e.mentionCount AS mentionCount, e.docCount AS docCount
ORDER BY rank, e.docCount DESC, e.mentionCount DESC, e.name, e.id
LIMIT $limit
