-- After touch-document-provenance.sql removed its evidence and entity_documents rows (the mentions go with the row).
DELETE FROM documents WHERE id = $id;
