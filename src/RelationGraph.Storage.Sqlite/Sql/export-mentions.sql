SELECT id, doc_id, entity_id, start, "end", text, sentence_index FROM mentions ORDER BY doc_id, start, id;
