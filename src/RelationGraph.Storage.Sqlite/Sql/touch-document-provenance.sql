INSERT OR IGNORE INTO temp.touched_facts (key) SELECT fact_key FROM evidence WHERE doc_id = $doc_id;
INSERT OR IGNORE INTO temp.touched_entities (id) SELECT m.value ->> 1 FROM documents d, json_each(d.mentions) m WHERE d.id = $doc_id;
-- the document's entities are exactly those its mentions name: each of its entity_documents rows is one key lookup
DELETE FROM entity_documents WHERE doc_id = $doc_id AND entity_id IN (SELECT id FROM temp.touched_entities);
DELETE FROM evidence WHERE doc_id = $doc_id;
