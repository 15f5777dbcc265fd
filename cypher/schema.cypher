// Schema bootstrap: run statement by statement at start. Every statement is idempotent (IF NOT EXISTS)
// and works on Community edition (property uniqueness constraints, range, text and full-text indexes).
// Names are looked up through (:NameKey {key})<-[:NAMED]-(:Entity): the uniqueness constraint's index answers an exact
// key and the text index answers CONTAINS / STARTS WITH, where a predicate on a list property scans every entity.
// The composite indexes in factKey (or entityId) order let a write that takes a document out of running totals find a
// fact's (or entity's) next first/last report time, next document id or next best evidence in one entry, not its history.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT mention_id IF NOT EXISTS FOR (m:Mention) REQUIRE m.id IS UNIQUE;
CREATE CONSTRAINT evidence_id IF NOT EXISTS FOR (ev:Evidence) REQUIRE ev.id IS UNIQUE;
CREATE CONSTRAINT fact_key_employed_by IF NOT EXISTS FOR ()-[r:EMPLOYED_BY]-() REQUIRE r.factKey IS UNIQUE;
CREATE CONSTRAINT fact_key_leads IF NOT EXISTS FOR ()-[r:LEADS]-() REQUIRE r.factKey IS UNIQUE;
CREATE CONSTRAINT fact_key_member_of IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() REQUIRE r.factKey IS UNIQUE;
CREATE CONSTRAINT fact_key_owns IF NOT EXISTS FOR ()-[r:OWNS]-() REQUIRE r.factKey IS UNIQUE;
CREATE CONSTRAINT fact_key_party_to IF NOT EXISTS FOR ()-[r:PARTY_TO]-() REQUIRE r.factKey IS UNIQUE;
CREATE CONSTRAINT fact_key_awarded_by IF NOT EXISTS FOR ()-[r:AWARDED_BY]-() REQUIRE r.factKey IS UNIQUE;
CREATE CONSTRAINT fact_key_contracts_with IF NOT EXISTS FOR ()-[r:CONTRACTS_WITH]-() REQUIRE r.factKey IS UNIQUE;
CREATE CONSTRAINT fact_key_funds IF NOT EXISTS FOR ()-[r:FUNDS]-() REQUIRE r.factKey IS UNIQUE;
CREATE CONSTRAINT fact_key_investigates IF NOT EXISTS FOR ()-[r:INVESTIGATES]-() REQUIRE r.factKey IS UNIQUE;
CREATE CONSTRAINT fact_key_subject_of IF NOT EXISTS FOR ()-[r:SUBJECT_OF]-() REQUIRE r.factKey IS UNIQUE;
CREATE CONSTRAINT fact_key_communicates_with IF NOT EXISTS FOR ()-[r:COMMUNICATES_WITH]-() REQUIRE r.factKey IS UNIQUE;
CREATE CONSTRAINT fact_key_associated_with IF NOT EXISTS FOR ()-[r:ASSOCIATED_WITH]-() REQUIRE r.factKey IS UNIQUE;
CREATE CONSTRAINT judgement_id IF NOT EXISTS FOR (j:Judgement) REQUIRE j.id IS UNIQUE;
CREATE CONSTRAINT name_key IF NOT EXISTS FOR (k:NameKey) REQUIRE k.key IS UNIQUE;
CREATE TEXT INDEX name_key_text IF NOT EXISTS FOR (k:NameKey) ON (k.key);
CREATE INDEX evidence_fact_key IF NOT EXISTS FOR (ev:Evidence) ON (ev.factKey);
CREATE INDEX evidence_fact_reported IF NOT EXISTS FOR (ev:Evidence) ON (ev.factKey, ev.reportedAt);
CREATE INDEX evidence_fact_doc IF NOT EXISTS FOR (ev:Evidence) ON (ev.factKey, ev.docId);
CREATE INDEX evidence_fact_rank IF NOT EXISTS FOR (ev:Evidence) ON (ev.factKey, ev.negConfidence, ev.docId, ev.start);
CREATE INDEX mention_entity_reported IF NOT EXISTS FOR (m:Mention) ON (m.entityId, m.reportedAt);
CREATE INDEX evidence_doc_id IF NOT EXISTS FOR (ev:Evidence) ON (ev.docId);
CREATE INDEX mention_doc_id IF NOT EXISTS FOR (m:Mention) ON (m.docId);
CREATE INDEX entity_kind IF NOT EXISTS FOR (e:Entity) ON (e.kind);
CREATE INDEX document_ingested_at IF NOT EXISTS FOR (d:Document) ON (d.ingestedAt);
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliases];
