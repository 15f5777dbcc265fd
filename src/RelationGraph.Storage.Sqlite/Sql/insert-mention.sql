INSERT OR REPLACE INTO mentions (id, doc_id, entity_id, start, "end", text, sentence_index)
VALUES ($id, $doc_id, $entity_id, $start, $end, $text, $sentence_index);
