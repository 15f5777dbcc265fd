// Writes recomputed entity totals.
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
SET e += row.props
