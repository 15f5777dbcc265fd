// Whether the store holds a document or ever held one: document-merge leaves the StoreHistory node, and a database
// written before that node existed still counts its documents. Both are label counts the count store answers.
RETURN COUNT { (:StoreHistory) } + COUNT { (:Document) } > 0 AS everHeld
