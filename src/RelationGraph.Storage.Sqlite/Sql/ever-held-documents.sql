-- A document now, or a change-log row: every commit that wrote a document logged one, and the newest row is never pruned.
SELECT EXISTS (SELECT 1 FROM documents) OR EXISTS (SELECT 1 FROM index_log);
