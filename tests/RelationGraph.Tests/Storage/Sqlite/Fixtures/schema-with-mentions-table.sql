-- The SQLite schema as it was before mentions moved into their documents (main at f87cafe): a file written
-- then has a mentions table with one row per mention. SqliteMigrationTests builds such a file from it.
-- Idempotent schema. Timestamps are ISO-8601 UTC text ("O" format), so text order is time order.
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    source_uri TEXT NOT NULL,
    title TEXT,
    publisher TEXT,
    author TEXT,
    published_at TEXT,
    media_type TEXT NOT NULL,
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    -- when the document's facts count as reported: published_at, else ingested_at
    reported_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_documents_ingested_at ON documents (ingested_at DESC, id);

CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    amount TEXT,
    currency TEXT,
    year INTEGER,
    status TEXT,
    mention_count INTEGER NOT NULL DEFAULT 0,
    doc_count INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT,
    last_seen TEXT
);
CREATE INDEX IF NOT EXISTS ix_entities_name_key ON entities (name_key);
CREATE INDEX IF NOT EXISTS ix_entities_kind ON entities (kind);

CREATE TABLE IF NOT EXISTS entity_aliases (
    entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    alias_key TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_entity_aliases_alias_key ON entity_aliases (alias_key);

-- Mentions and evidence are clustered by document (a mention's or evidence's id already hashes its document):
-- a document's rows land on a few adjacent pages instead of one random page of a hashed-id index each,
-- which is what a batch commit writes back, and dropping a document's old rows is one range delete.
CREATE TABLE IF NOT EXISTS mentions (
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    entity_id TEXT NOT NULL REFERENCES entities (id),
    start INTEGER NOT NULL CHECK (start >= 0),
    "end" INTEGER NOT NULL CHECK ("end" >= start),
    text TEXT NOT NULL,
    sentence_index INTEGER NOT NULL,
    PRIMARY KEY (doc_id, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_mentions_entity_id ON mentions (entity_id, doc_id);

CREATE TABLE IF NOT EXISTS facts (
    fact_key TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    subject_id TEXT NOT NULL REFERENCES entities (id),
    object_id TEXT NOT NULL REFERENCES entities (id),
    confidence REAL NOT NULL DEFAULT 0,
    evidence_count INTEGER NOT NULL DEFAULT 0,
    doc_count INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT,
    last_seen TEXT,
    sample_quote TEXT,
    extractors TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS ix_facts_subject_id ON facts (subject_id);
CREATE INDEX IF NOT EXISTS ix_facts_object_id ON facts (object_id);

CREATE TABLE IF NOT EXISTS evidence (
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    fact_key TEXT NOT NULL REFERENCES facts (fact_key),
    start INTEGER NOT NULL CHECK (start >= 0),
    "end" INTEGER NOT NULL CHECK ("end" >= start),
    quote TEXT NOT NULL,
    citations TEXT NOT NULL DEFAULT '[]',
    extractor TEXT NOT NULL,
    confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    PRIMARY KEY (doc_id, id)
) WITHOUT ROWID;
-- in the order readers rank a fact's evidence (sample quote, evidence pages, path hops), so picking the best needs no sort
DROP INDEX IF EXISTS ix_evidence_fact_key;
CREATE INDEX IF NOT EXISTS ix_evidence_fact_rank ON evidence (fact_key, confidence DESC, doc_id, start);
