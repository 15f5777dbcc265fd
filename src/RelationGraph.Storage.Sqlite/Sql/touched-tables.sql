-- Per write connection: the facts and entities one document's apply touched, for set-based recomputation,
-- and the touched entities whose totals must be recounted from scratch rather than extended.
CREATE TEMP TABLE IF NOT EXISTS touched_facts (key TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS touched_entities (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS recount_entities (id TEXT PRIMARY KEY) WITHOUT ROWID;
