-- A file written before mentions moved into their documents (mentions was a table with one row per mention):
-- each document's mentions become its JSON array, in span order, and each (entity, document) pair one row of
-- entity_documents; then the table goes and schema.sql puts the mentions view in its place. Runs in one
-- transaction, so a file is either migrated entirely or left as it was.
ALTER TABLE documents ADD COLUMN mentions TEXT NOT NULL DEFAULT '[]';

UPDATE documents SET mentions = grouped.mentions
FROM (SELECT doc_id, json_group_array(json_array(id, entity_id, start, "end", text, sentence_index) ORDER BY start, id) AS mentions
      FROM mentions GROUP BY doc_id) AS grouped
WHERE documents.id = grouped.doc_id;

INSERT INTO entity_documents (entity_id, doc_id, mention_count)
SELECT entity_id, doc_id, count(*) FROM mentions GROUP BY entity_id, doc_id;

DROP TABLE mentions;
