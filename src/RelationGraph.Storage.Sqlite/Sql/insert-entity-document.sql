-- One row per (entity, document): a document's old rows are removed before it is written again, so a plain INSERT.
INSERT INTO entity_documents (entity_id, doc_id, mention_count) VALUES ($entity_id, $doc_id, $mention_count);
