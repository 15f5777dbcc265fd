SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM entities), (SELECT count(*) FROM facts),
       (SELECT count(*) FROM mentions), (SELECT count(*) FROM evidence);
