// Creates or updates one document; $props holds only scalar properties. The one StoreHistory node records that the
// store has held a document, so a store emptied by DELETE is not seeded again (ever-held-documents reads it).
MERGE (d:Document {id: $docId})
SET d += $props
MERGE (:StoreHistory)
