-- Per write connection: the facts and entities one document's apply touched, for set-based recomputation.
CREATE TEMP TABLE IF NOT EXISTS touched_facts (key TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS touched_entities (id TEXT PRIMARY KEY) WITHOUT ROWID;
