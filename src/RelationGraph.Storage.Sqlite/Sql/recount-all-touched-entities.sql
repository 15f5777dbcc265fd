-- A changed document may have removed mentions or evidence: every entity it touched is recounted.
INSERT OR IGNORE INTO temp.recount_entities (id) SELECT id FROM temp.touched_entities;
