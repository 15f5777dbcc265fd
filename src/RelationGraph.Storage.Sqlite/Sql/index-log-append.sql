-- In the writer's transaction, after the documents: what this commit changed, for the path index of other processes.
INSERT INTO index_log (entity_ids, fact_keys, doc_ids) VALUES ($entity_ids, $fact_keys, $doc_ids) RETURNING seq;
