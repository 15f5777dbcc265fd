-- A bulk load into an empty store starts without the indexes of secondary-indexes.sql: built once at its end from sorted
-- rows, instead of kept up to date row by row on pages all over each index.
DROP INDEX IF EXISTS ix_documents_ingested_at;
DROP INDEX IF EXISTS ix_entities_name_key;
DROP INDEX IF EXISTS ix_entities_kind;
DROP INDEX IF EXISTS ix_entity_aliases_alias_key;
DROP INDEX IF EXISTS ix_facts_subject_id;
DROP INDEX IF EXISTS ix_facts_object_id;
DROP INDEX IF EXISTS ix_evidence_fact_rank;
DROP INDEX IF EXISTS ix_entity_search_loose;
