INSERT OR IGNORE INTO temp.touched_facts (key) SELECT fact_key FROM evidence WHERE doc_id = $doc_id;
INSERT OR IGNORE INTO temp.touched_entities (id) SELECT entity_id FROM mentions WHERE doc_id = $doc_id;
DELETE FROM mentions WHERE doc_id = $doc_id;
DELETE FROM evidence WHERE doc_id = $doc_id;
