// At start, until it has been done once (the StoreFormat mark's identityKeys; an export script deletes the mark): a page
// of entities in id order after $after, whose identity keys (Core's IdentityKeys, which Cypher cannot compute) the
// adapter computes and links with identity-keys-link. Entities stored before cross-document identity have none.
OPTIONAL MATCH (f:StoreFormat)
WITH collect(f.identityKeys) AS marks
WHERE NOT true IN marks
MATCH (e:Entity)
WHERE e.id > $after
RETURN e.id AS id, e.kind AS kind, e.name AS name, e.aliases AS aliases
ORDER BY e.id
LIMIT $limit
