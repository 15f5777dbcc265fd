INSERT OR REPLACE INTO evidence (id, fact_key, doc_id, start, "end", quote, citations, extractor, confidence)
VALUES ($id, $fact_key, $doc_id, $start, $end, $quote, $citations, $extractor, $confidence);
