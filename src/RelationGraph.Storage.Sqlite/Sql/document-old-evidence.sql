SELECT id FROM evidence WHERE doc_id = $doc_id;
