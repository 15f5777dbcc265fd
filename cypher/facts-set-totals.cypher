// Writes recomputed totals onto fact edges, found from their two entities.
UNWIND $rows AS row
MATCH (:Entity {id: row.subjectId})-[r {factKey: row.factKey}]->(:Entity {id: row.objectId})
SET r += row.props
