"""How much of the SQLite writer's cost is the table layout? A stand-alone experiment (Python's sqlite3, no RelationGraph code).

Writes a synthetic corpus shaped like the ingest benchmark's (per document: a 4.8 kB text row, ~28 entity_documents rows,
~15 fact upserts, 20 evidence rows; entities drawn Zipf-like from 15,400) in batches of 512 documents per transaction,
WAL, synchronous=NORMAL, 64 MB cache, into three layouts:

  text     the store's layout today: tables and indexes keyed by 20-character hashed text ids
  integer  integer keys (documents, entities, facts numbered as inserted) in the same tables and indexes, and a fact
           row that points at its sample evidence instead of copying the quote
  hashdocs integer keys, but documents keyed by their id's hash (a deterministic 64-bit integer) instead of numbered as
           inserted: what an evidence ranking that breaks ties by document id, independent of arrival order, would need
  append   integer keys and no secondary indexes at all: the floor for these rows, whatever the layout

A fourth run ("python") executes nothing, to subtract the interpreter's own share. Prints SQLite's time per document
and the database size. Usage: python3 layout_experiment.py [documents] (default 10000).
"""
import hashlib
import os
import random
import sqlite3
import sys
import tempfile
import time

SCHEMAS = {
    "text": """
CREATE TABLE documents (id TEXT PRIMARY KEY, text TEXT, ingested_at TEXT, mentions TEXT);
CREATE INDEX ix_documents_ingested_at ON documents (ingested_at DESC, id);
CREATE TABLE entities (id TEXT PRIMARY KEY, name TEXT, name_key TEXT, mention_count INT, doc_count INT);
CREATE INDEX ix_entities_name_key ON entities (name_key);
CREATE TABLE entity_documents (entity_id TEXT, doc_id TEXT, mention_count INT, PRIMARY KEY (entity_id, doc_id)) WITHOUT ROWID;
CREATE TABLE facts (fact_key TEXT PRIMARY KEY, type TEXT, subject_id TEXT, object_id TEXT, confidence REAL, evidence_count INT,
                    doc_count INT, last_seen TEXT, sample_quote TEXT, extractors TEXT);
CREATE INDEX ix_facts_subject_id ON facts (subject_id);
CREATE INDEX ix_facts_object_id ON facts (object_id);
CREATE TABLE evidence (doc_id TEXT, id TEXT, fact_key TEXT, start INT, "end" INT, quote TEXT, citations TEXT, extractor TEXT,
                       confidence REAL, PRIMARY KEY (doc_id, id)) WITHOUT ROWID;
CREATE INDEX ix_evidence_fact_rank ON evidence (fact_key, confidence DESC, doc_id, start);
""",
    "integer": """
CREATE TABLE documents (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, text TEXT, ingested_at TEXT, mentions TEXT);
CREATE INDEX ix_documents_ingested_at ON documents (ingested_at DESC, id);
CREATE TABLE entities (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, name TEXT, name_key TEXT, mention_count INT, doc_count INT);
CREATE INDEX ix_entities_name_key ON entities (name_key);
CREATE TABLE entity_documents (entity_seq INT, doc_seq INT, mention_count INT, PRIMARY KEY (entity_seq, doc_seq)) WITHOUT ROWID;
CREATE TABLE facts (seq INTEGER PRIMARY KEY, fact_key TEXT UNIQUE, type TEXT, subject_seq INT, object_seq INT, confidence REAL,
                    evidence_count INT, doc_count INT, last_seen TEXT, sample_evidence INT, extractors TEXT);
CREATE INDEX ix_facts_subject_seq ON facts (subject_seq);
CREATE INDEX ix_facts_object_seq ON facts (object_seq);
CREATE TABLE evidence (seq INTEGER PRIMARY KEY, doc_seq INT, id TEXT, fact_seq INT, start INT, "end" INT, quote TEXT, citations TEXT,
                       extractor TEXT, confidence REAL);
CREATE UNIQUE INDEX ix_evidence_doc ON evidence (doc_seq, id);
CREATE INDEX ix_evidence_fact_rank ON evidence (fact_seq, confidence DESC, doc_seq, start);
""",
}
SCHEMAS["hashdocs"] = SCHEMAS["integer"].replace("id TEXT UNIQUE, text", "id TEXT, text")
SCHEMAS["append"] = "\n".join(line for line in SCHEMAS["integer"].splitlines() if "INDEX" not in line).replace(" UNIQUE", "")


class NoDatabase:
    """Executes nothing: measures what the interpreter itself spends on the loop."""
    def execute(self, *_):
        return self

    def fetchone(self):
        return (1,)


def h(text):
    return hashlib.sha1(text.encode()).hexdigest()[:20]


def hash_key(text):
    return int(hashlib.sha1(text.encode()).hexdigest()[:16], 16) - 2**63


def run(layout, documents, folder):
    random.seed(1)
    path = os.path.join(folder, layout + ".db")
    if layout == "python":
        db = NoDatabase()
    else:
        db = sqlite3.connect(path, isolation_level=None)
        db.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;")
        db.executescript(SCHEMAS[layout])
    texts = layout in ("text", "python")
    entity_count = 15400
    weights = [1 / (i + 1) ** 0.9 for i in range(entity_count)]
    population = range(entity_count)
    entities, facts = {}, {}
    text = "x" * 4800
    started = time.perf_counter()
    for first in range(0, documents, 512):
        db.execute("BEGIN")
        for d in range(first, min(documents, first + 512)):
            doc_id = h("doc%d" % d)
            named = list(set(random.choices(population, weights, k=40)))[:28]
            args = (doc_id, text, "2026-%09d" % d, "[]" * 300)
            if texts:
                db.execute("INSERT INTO documents VALUES (?,?,?,?)", args)
                doc = doc_id
            elif layout == "hashdocs":
                doc = hash_key(doc_id)
                db.execute("INSERT INTO documents (seq, id, text, ingested_at, mentions) VALUES (?,?,?,?,?)", (doc,) + args)
            else:
                doc = db.execute("INSERT INTO documents (id, text, ingested_at, mentions) VALUES (?,?,?,?) RETURNING seq", args).fetchone()[0]
            for e in named:
                if e not in entities:
                    args = (h("e%d" % e), "Name %d" % e, "name %d" % e)
                    if texts:
                        db.execute("INSERT INTO entities VALUES (?,?,?,0,0)", args)
                        entities[e] = args[0]
                    else:
                        entities[e] = db.execute("INSERT INTO entities (id, name, name_key, mention_count, doc_count) VALUES (?,?,?,0,0) RETURNING seq", args).fetchone()[0]
                db.execute("INSERT INTO entity_documents VALUES (?,?,?)", (entities[e], doc, 2))
            said = list(dict.fromkeys((*sorted(random.sample(named, 2)), random.choice("ABCD")) for _ in range(15)))
            for i in range(20):
                fact = said[i % len(said)]
                key = h("f%s" % (fact,))
                ev = (h("ev%d-%d" % (d, i)), i * 100, i * 100 + 150, "q" * 150, "[]", "rules/1", random.choice([0.6, 0.7, 0.8, 0.9]))
                if texts:
                    db.execute("INSERT INTO evidence VALUES (?,?,?,?,?,?,?,?,?)", (doc, ev[0], key) + ev[1:])
                else:
                    if fact not in facts:
                        facts[fact] = db.execute("INSERT INTO facts (fact_key, type, subject_seq, object_seq, confidence, evidence_count, doc_count, extractors) "
                                                 "VALUES (?,?,?,?,0,0,0,'[]') RETURNING seq", (key, fact[2], entities[fact[0]], entities[fact[1]])).fetchone()[0]
                    db.execute('INSERT INTO evidence (doc_seq, id, fact_seq, start, "end", quote, citations, extractor, confidence) VALUES (?,?,?,?,?,?,?,?,?)',
                               (doc, ev[0], facts[fact]) + ev[1:])
            for fact in said:
                if texts:
                    db.execute("INSERT INTO facts VALUES (?,?,?,?,0.8,1,1,'2026',?,'[\"rules/1\"]') ON CONFLICT (fact_key) DO UPDATE SET "
                               "evidence_count = evidence_count + 1, doc_count = doc_count + 1, confidence = 1 - (1 - confidence) * 0.2, last_seen = excluded.last_seen",
                               (h("f%s" % (fact,)), fact[2], entities[fact[0]], entities[fact[1]], "q" * 150))
                else:
                    db.execute("UPDATE facts SET evidence_count = evidence_count + 1, doc_count = doc_count + 1, confidence = 1 - (1 - confidence) * 0.2, "
                               "last_seen = '2026' WHERE seq = ?", (facts[fact],))
        db.execute("COMMIT")
    elapsed = time.perf_counter() - started
    size = os.path.getsize(path) if layout != "python" else 0
    return elapsed, size


def main():
    documents = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    with tempfile.TemporaryDirectory() as folder:
        python, _ = run("python", documents, folder)
        print(f"{documents} documents; the interpreter alone: {python:.1f} s (subtracted below)")
        reference = None
        for layout in ("text", "integer", "hashdocs", "append"):
            elapsed, size = run(layout, documents, folder)
            sqlite = elapsed - python
            reference = reference or sqlite
            print(f"{layout:8} SQLite {sqlite:5.1f} s  {sqlite * 1000 / documents:.2f} ms/doc  {reference / sqlite:.2f}x the text layout  {size / 2**20:.0f} MB")


if __name__ == "__main__":
    main()
