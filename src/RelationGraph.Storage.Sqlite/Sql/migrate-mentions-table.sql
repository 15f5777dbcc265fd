-- A file written before mentions moved into their documents (mentions was a table with one row per mention):
-- each document's mentions become its JSON array, in span order, and each (entity, document) pair one row of
-- entity_documents; then the table goes and schema.sql puts the mentions view in its place. Runs in one
-- transaction, so a file is either migrated entirely or left as it was.
ALTER TABLE documents ADD COLUMN mentions TEXT NOT NULL DEFAULT '[]';

-- one document at a time (its rows are adjacent in the old table): memory holds one document's mentions, not all
UPDATE documents SET mentions = (
    SELECT json_group_array(json_array(m.id, m.entity_id, m.start, m."end", m.text, m.sentence_index) ORDER BY m.start, m.id)
    FROM mentions m WHERE m.doc_id = documents.id)
WHERE EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = documents.id);

INSERT INTO entity_documents (entity_id, doc_id, mention_count)
SELECT entity_id, doc_id, count(*) FROM mentions GROUP BY entity_id, doc_id;

DROP TABLE mentions;
