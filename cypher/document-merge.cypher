// Creates or updates one document; $props holds only scalar properties.
MERGE (d:Document {id: $docId})
SET d += $props
