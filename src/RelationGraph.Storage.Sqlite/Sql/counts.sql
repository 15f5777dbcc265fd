SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM entities), (SELECT count(*) FROM facts),
       (SELECT coalesce(sum(mention_count), 0) FROM entity_documents), (SELECT count(*) FROM evidence);
