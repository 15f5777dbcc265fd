// One entity with its attributes.
MATCH (e:Entity {id: $entityId})
RETURN e.id AS id, e.kind AS kind, e.name AS name, e.aliases AS aliases, e.mentionCount AS mentionCount, e.docCount AS docCount,
       e.firstSeen AS firstSeen, e.lastSeen AS lastSeen, e.amount AS amount, e.currency AS currency, e.year AS year, e.status AS status
