// The entities a typed name means, tier by tier ($keys: the normalised name, then its "n:" loose and "f:" family
// identity keys, Core's NameQuery.LookupTiers), each key found through the NameKey uniqueness constraint's index; the
// adapter keeps the first tier that has any.
UNWIND range(0, size($keys) - 1) AS tier
MATCH (:NameKey {key: $keys[tier]})<-[:NAMED]-(e:Entity)
RETURN tier, e.id AS id, e.kind AS kind, e.name AS name, e.aliases AS aliases, e.mentionCount AS mentionCount, e.docCount AS docCount
ORDER BY tier, e.docCount DESC, e.mentionCount DESC, e.id
