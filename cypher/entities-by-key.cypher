// Entities whose normalised name or alias equals the key, found through the NameKey uniqueness constraint's index.
MATCH (:NameKey {key: $key})<-[:NAMED]-(e:Entity)
RETURN e.id AS id, e.kind AS kind, e.name AS name, e.aliases AS aliases, e.mentionCount AS mentionCount, e.docCount AS docCount
ORDER BY e.docCount DESC, e.mentionCount DESC, e.id
