// A stored document is being replaced or removed: its evidence comes out of the running totals of every fact it
// supports, before that evidence is deleted (document-delete-provenance). Only this document's evidence is read,
// aggregated here per fact. Each fact edge is write-locked (the SET of adjusting) in factKey order before its totals
// are read, so concurrent writers (API, watch, CLI) adjust one after another instead of overwriting each other.
// A total that subtraction cannot undo is looked up again only when this document held it, in order through an index
// (schema.cypher), reading one entry past this document's own: first/last seen (evidence_fact_reported), the first 20
// document ids (evidence_fact_doc) and the sample quote (evidence_fact_rank). Confidence is the noisy-or over documents
// of each one's best evidence, kept as untrue (the product of 1 - best over documents below 1) and certainDocs; the
// extractors keep a count each (extractorCounts). A fact left without evidence is deleted by facts-prune.
MATCH (d:Document {id: $docId})<-[:IN_DOCUMENT]-(ev:Evidence)-[:SUBJECT]->(s:Entity)
MATCH (ev)-[:OBJECT]->(o:Entity)
WITH coalesce(d.publishedAt, d.ingestedAt) AS reported, s, o, ev.factKey AS factKey, count(ev) AS evidence,
     max(ev.confidence) AS best, [x IN collect(ev.extractor) WHERE x <> ''] AS mine
MATCH (s)-[r:EMPLOYED_BY|LEADS|MEMBER_OF|OWNS|PARTY_TO|AWARDED_BY|CONTRACTS_WITH|FUNDS|INVESTIGATES|SUBJECT_OF|COMMUNICATES_WITH|ASSOCIATED_WITH {factKey: factKey}]->(o)
WITH reported, factKey, evidence, mine, r, CASE WHEN best > 1.0 THEN 1.0 WHEN best < 0.0 THEN 0.0 ELSE best END AS best
ORDER BY factKey
SET r.adjusting = true
WITH reported, factKey, evidence, mine, best, r, r.docCount - 1 AS docCount, r.docIds AS docIds,
     [i IN range(0, size(r.extractors) - 1) | r.extractorCounts[i] - size([x IN mine WHERE x = r.extractors[i]])] AS counts
WITH r, docCount, counts, docIds,
     r.evidenceCount - evidence AS evidenceCount,
     r.certainDocs - CASE WHEN best >= 1.0 THEN 1 ELSE 0 END AS certainDocs,
     CASE WHEN best >= 1.0 THEN r.untrue ELSE r.untrue / (1.0 - best) END AS untrue,
     CASE WHEN docCount = 0 THEN null
          WHEN reported <> r.firstSeen THEN r.firstSeen
          ELSE COLLECT { MATCH (x:Evidence) WHERE x.factKey = factKey AND x.reportedAt IS NOT NULL AND x.docId <> $docId
                         RETURN x.reportedAt AS t ORDER BY t LIMIT 1 }[0] END AS firstSeen,
     CASE WHEN docCount = 0 THEN null
          WHEN reported <> r.lastSeen THEN r.lastSeen
          ELSE COLLECT { MATCH (x:Evidence) WHERE x.factKey = factKey AND x.reportedAt IS NOT NULL AND x.docId <> $docId
                         RETURN x.reportedAt AS t ORDER BY t DESC LIMIT 1 }[0] END AS lastSeen,
     CASE WHEN NOT $docId IN docIds THEN docIds
          WHEN r.docCount <= size(docIds) THEN [id IN docIds WHERE id <> $docId]
          ELSE [id IN docIds WHERE id <> $docId] + COLLECT { MATCH (x:Evidence) WHERE x.factKey = factKey AND x.docId > docIds[-1]
                                                             RETURN x.docId AS id ORDER BY id LIMIT 1 } END AS newDocIds,
     CASE WHEN r.sampleDocId <> $docId THEN r { .sampleQuote, .sampleConfidence, .sampleDocId, .sampleStart }
          ELSE COLLECT { MATCH (x:Evidence)
                         WHERE x.factKey = factKey AND x.negConfidence IS NOT NULL AND x.docId IS NOT NULL AND x.start IS NOT NULL AND x.docId <> $docId
                         WITH x ORDER BY x.negConfidence, x.docId, x.start LIMIT 1
                         RETURN { sampleQuote: x.quote, sampleConfidence: x.confidence, sampleDocId: x.docId, sampleStart: x.start } AS sample }[0] END AS sample
SET r.evidenceCount = evidenceCount,
    r.docCount = docCount,
    r.certainDocs = CASE WHEN docCount = 0 THEN 0 ELSE certainDocs END,
    r.untrue = CASE WHEN docCount = 0 THEN 1.0 ELSE untrue END,
    r.confidence = CASE WHEN docCount = 0 THEN 0.0 WHEN certainDocs > 0 THEN 1.0 ELSE 1.0 - untrue END,
    r.firstSeen = firstSeen,
    r.lastSeen = lastSeen,
    r.docIds = newDocIds,
    r.extractors = [i IN range(0, size(r.extractors) - 1) WHERE counts[i] > 0 | r.extractors[i]],
    r.extractorCounts = [c IN counts WHERE c > 0],
    r.sampleQuote = sample.sampleQuote,
    r.sampleConfidence = sample.sampleConfidence,
    r.sampleDocId = sample.sampleDocId,
    r.sampleStart = sample.sampleStart
REMOVE r.adjusting
