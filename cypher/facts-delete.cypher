// Deletes fact edges that no evidence supports any more.
UNWIND $rows AS row
MATCH (:Entity {id: row.subjectId})-[r {factKey: row.factKey}]->(:Entity {id: row.objectId})
DELETE r
