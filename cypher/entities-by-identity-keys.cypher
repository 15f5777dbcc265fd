// People and organisations under any of the identity keys (Core's IdentityKeys: "n:" loose names, "f:" family names),
// the candidates the ingest's identity stage joins a document's entities to; found through the NameKey index.
UNWIND $keys AS key
MATCH (:NameKey {key: key})<-[:NAMED]-(e:Entity)
WITH DISTINCT e
RETURN e.id AS id, e.kind AS kind, e.name AS name, e.aliases AS aliases, e.mentionCount AS mentionCount, e.docCount AS docCount
ORDER BY e.docCount DESC, e.mentionCount DESC, e.id
