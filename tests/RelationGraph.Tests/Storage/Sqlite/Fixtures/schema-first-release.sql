-- The SQLite schema of the first release (main at 45bcc93): mentions and evidence keyed by their own hashed id, not
-- clustered by document. SqliteMigrationTests builds such a file from it.
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

CREATE TABLE IF NOT EXISTS mentions (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL REFERENCES entities (id),
    start INTEGER NOT NULL CHECK (start >= 0),
    "end" INTEGER NOT NULL CHECK ("end" >= start),
    text TEXT NOT NULL,
    sentence_index INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_mentions_doc_id ON mentions (doc_id);
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
    id TEXT PRIMARY KEY,
    fact_key TEXT NOT NULL REFERENCES facts (fact_key),
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    start INTEGER NOT NULL CHECK (start >= 0),
    "end" INTEGER NOT NULL CHECK ("end" >= start),
    quote TEXT NOT NULL,
    citations TEXT NOT NULL DEFAULT '[]',
    extractor TEXT NOT NULL,
    confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1)
);
CREATE INDEX IF NOT EXISTS ix_evidence_fact_key ON evidence (fact_key, confidence DESC, doc_id);
CREATE INDEX IF NOT EXISTS ix_evidence_doc_id ON evidence (doc_id);
