-- In the writer's transaction, after the documents: what this commit changed, for the path index of other processes.
INSERT INTO index_log (bytes, entity_ids, fact_keys, doc_ids)
VALUES (coalesce(length(CAST($entity_ids AS BLOB)), 0) + coalesce(length(CAST($fact_keys AS BLOB)), 0) + coalesce(length(CAST($doc_ids AS BLOB)), 0),
        $entity_ids, $fact_keys, $doc_ids)
RETURNING seq;
