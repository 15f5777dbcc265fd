// Every identity judgement, revoked ones included, oldest first (also what the export reads).
MATCH (j:Judgement)
RETURN j.id AS id, j.kind AS kind, j.entityId AS entityId, j.entityKind AS entityKind, j.entityName AS entityName,
       j.otherId AS otherId, j.otherKind AS otherKind, j.otherName AS otherName, j.documents AS documents, j.author AS author,
       j.createdAt AS createdAt, j.reason AS reason, j.revokedAt AS revokedAt, j.revokedBy AS revokedBy
ORDER BY createdAt, id
