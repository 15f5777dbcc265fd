-- Plain INSERT: the writer removes a document's old rows and repeated records first, and a conflict check
-- of its own (OR REPLACE) would cost one more B-tree seek per row.
INSERT INTO evidence (id, fact_key, doc_id, start, "end", quote, citations, extractor, confidence)
VALUES ($id, $fact_key, $doc_id, $start, $end, $quote, $citations, $extractor, $confidence);
