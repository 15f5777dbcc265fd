// At start, until it has been done once (a :Migration node says so): a page of entities in id order after $after, whose
// identity keys (Core's IdentityKeys, which Cypher cannot compute) the adapter computes and links with
// identity-keys-link; entities stored before cross-document identity have none. Nothing once done.
OPTIONAL MATCH (done:Migration {name: 'identity-keys'})
WITH done
WHERE done IS NULL
MATCH (e:Entity)
WHERE e.id > $after
RETURN e.id AS id, e.kind AS kind, e.name AS name, e.aliases AS aliases
ORDER BY e.id
LIMIT $limit
