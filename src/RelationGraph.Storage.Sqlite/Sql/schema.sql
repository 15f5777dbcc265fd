-- Idempotent schema: the tables (secondary-indexes.sql has their indexes). Timestamps are ISO-8601 UTC text ("O" format),
-- so text order is time order.
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
    reported_at TEXT NOT NULL,
    -- its mentions, a JSON array of [id, entity_id, start, end, text, sentence_index] (read them through the
    -- mentions view): one row append per document instead of ~40 row inserts plus as many index inserts
    mentions TEXT NOT NULL DEFAULT '[]'
);

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

CREATE TABLE IF NOT EXISTS entity_aliases (
    entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    alias_key TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;

-- Which documents mention an entity, and how often: what entity totals are recounted from when a document
-- changes, one row per (entity, document) rather than one index entry per mention.
CREATE TABLE IF NOT EXISTS entity_documents (
    entity_id TEXT NOT NULL REFERENCES entities (id),
    doc_id TEXT NOT NULL REFERENCES documents (id),
    mention_count INTEGER NOT NULL CHECK (mention_count > 0),
    PRIMARY KEY (entity_id, doc_id)
) WITHOUT ROWID;

-- Every mention as a row, for exports and ad-hoc SQL (a scan: by entity, ask entity_documents).
CREATE VIEW IF NOT EXISTS mentions (doc_id, id, entity_id, start, "end", text, sentence_index) AS
SELECT d.id, m.value ->> 0, m.value ->> 1, m.value ->> 2, m.value ->> 3, m.value ->> 4, m.value ->> 5
FROM documents d, json_each(d.mentions) m;

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

-- Evidence is clustered by document (an evidence id already hashes its document): a document's rows land on a
-- few adjacent pages instead of one random page of a hashed-id index each, and dropping a document's old rows is
-- one range delete.
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
DROP INDEX IF EXISTS ix_evidence_fact_key;

-- One row per commit that changed the graph, written in that commit by whichever process made it: the ids whose
-- rows the path index (and the detail cache) of every other process on this file must read again. NULL ids mean
-- too many to list: rebuild. The oldest rows are pruned (index-log-prune.sql); a process that fell further behind rebuilds too.
CREATE TABLE IF NOT EXISTS index_log (
    seq INTEGER PRIMARY KEY,
    -- the row's size, before the texts: pruning sums it without reading them
    bytes INTEGER NOT NULL,
    entity_ids TEXT,
    fact_keys TEXT,
    doc_ids TEXT
);

-- The sum of index_log's bytes, so that the prune after every commit knows whether the byte cap is reached without
-- reading every row: taken once when a file has no row here yet (index-log-size.sql), then kept by the triggers,
-- whichever process writes. The triggers exist before the sum is taken, so no row is missed or counted twice.
CREATE TABLE IF NOT EXISTS index_log_size (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    bytes INTEGER NOT NULL
);

CREATE TRIGGER IF NOT EXISTS index_log_size_insert AFTER INSERT ON index_log BEGIN
    UPDATE index_log_size SET bytes = bytes + new.bytes;
END;

CREATE TRIGGER IF NOT EXISTS index_log_size_delete AFTER DELETE ON index_log BEGIN
    UPDATE index_log_size SET bytes = bytes - old.bytes;
END;

-- The keys a person or organisation is joined by across documents (Core's IdentityKeys: loose names, family names),
-- several per entity; the identity stage asks for the entities under a document's keys before it writes the document.
CREATE TABLE IF NOT EXISTS entity_keys (
    key TEXT NOT NULL,
    entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    PRIMARY KEY (key, entity_id)
) WITHOUT ROWID;

-- Users' identity judgements (merge, split, distinct), with who made each, when and why; revoking one sets revoked_at and
-- keeps the row. Ingestion applies the active ones to every document it writes. No foreign keys: a judgement outlives
-- the entities it names (a merged entity is gone once its documents are written again).
CREATE TABLE IF NOT EXISTS judgements (
    id TEXT PRIMARY KEY,
    -- merge, split or distinct
    kind TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    entity_kind TEXT NOT NULL,
    entity_name TEXT NOT NULL,
    other_id TEXT NOT NULL,
    other_kind TEXT NOT NULL,
    other_name TEXT NOT NULL,
    -- split: a JSON array of the document ids it applies to
    documents TEXT NOT NULL DEFAULT '[]',
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    reason TEXT,
    revoked_at TEXT,
    revoked_by TEXT
) WITHOUT ROWID;

-- What /api/entities?q= searches inside names: each distinct key an entity is found by (its name key, its alias keys and
-- the loose forms of both, Core's NameVariants.LooseKey: the "n:" entity_keys without their prefix), one row each;
-- loose = 1 marks a loose form that is neither its name key nor an alias key written before it (exact and prefix matches
-- read those through ix_entity_search_loose, and names and aliases through their own key indexes). The writer adds a row
-- with each new entity, alias and loose name (insert-search-key.sql; a file from before is backfilled at open), a
-- trigger removes an entity's rows with it, and triggers keep entity_search_fts, a trigram index over the keys that
-- answers contains queries without reading every key, in step with the rows.
CREATE TABLE IF NOT EXISTS entity_search (
    id INTEGER PRIMARY KEY,
    entity_id TEXT NOT NULL,
    key TEXT NOT NULL,
    loose INTEGER NOT NULL DEFAULT 0,
    UNIQUE (entity_id, key)
);

CREATE VIRTUAL TABLE IF NOT EXISTS entity_search_fts USING fts5 (
    key, content = 'entity_search', content_rowid = 'id', tokenize = 'trigram case_sensitive 1'
);

CREATE TRIGGER IF NOT EXISTS entities_search_delete AFTER DELETE ON entities BEGIN
    DELETE FROM entity_search WHERE entity_id = old.id;
END;

CREATE TRIGGER IF NOT EXISTS entity_search_fts_insert AFTER INSERT ON entity_search BEGIN
    INSERT INTO entity_search_fts (rowid, key) VALUES (new.id, new.key);
END;

CREATE TRIGGER IF NOT EXISTS entity_search_fts_delete AFTER DELETE ON entity_search BEGIN
    INSERT INTO entity_search_fts (entity_search_fts, rowid, key) VALUES ('delete', old.id, old.key);
END;
