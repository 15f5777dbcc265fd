-- Plain INSERT: the writer removes a document's old rows and repeated records first, and a conflict check
-- of its own (OR REPLACE) cost one more B-tree seek per row, about a tenth of a batch job's writer time.
INSERT INTO mentions (id, doc_id, entity_id, start, "end", text, sentence_index)
VALUES ($id, $doc_id, $entity_id, $start, $end, $text, $sentence_index);
