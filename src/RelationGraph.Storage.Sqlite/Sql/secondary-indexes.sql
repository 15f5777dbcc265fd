-- The secondary indexes, apart from the tables (schema.sql) so a bulk load can drop them and build each once at its end
-- (drop-secondary-indexes.sql lists the same names). Idempotent.
CREATE INDEX IF NOT EXISTS ix_documents_ingested_at ON documents (ingested_at DESC, id);
CREATE INDEX IF NOT EXISTS ix_entities_name_key ON entities (name_key);
CREATE INDEX IF NOT EXISTS ix_entities_kind ON entities (kind);
CREATE INDEX IF NOT EXISTS ix_entity_aliases_alias_key ON entity_aliases (alias_key);
CREATE INDEX IF NOT EXISTS ix_facts_subject_id ON facts (subject_id);
CREATE INDEX IF NOT EXISTS ix_facts_object_id ON facts (object_id);
-- in the order readers rank a fact's evidence (sample quote, evidence pages, path hops), so picking the best needs no sort
CREATE INDEX IF NOT EXISTS ix_evidence_fact_rank ON evidence (fact_key, confidence DESC, doc_id, start);
-- exact and prefix matches of entity searches on loose names (names and aliases have their own key indexes above)
CREATE INDEX IF NOT EXISTS ix_entity_search_loose ON entity_search (key) WHERE loose = 1;
