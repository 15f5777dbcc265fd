// A document's evidence, just written (evidence-create), goes into the running totals of every fact it supports: only
// this document's evidence is read, aggregated here per fact, and each fact edge is write-locked (the SET of adjusting)
// in factKey order before its totals are read and extended. The embedded store's totals: confidence is the noisy-or
// over documents of each one's best evidence (untrue * (1 - best), or one more certainDocs for a best of 1); first and
// last seen the earliest and latest report time; docIds the first 20 document ids in id order (as the exports keep
// them); the sample quote the best evidence by confidence, then document id, then start (sampleConfidence,
// sampleDocId, sampleStart keep its rank); extractors the distinct extractors in order, each with its count.
MATCH (d:Document {id: $docId})<-[:IN_DOCUMENT]-(ev:Evidence)-[:SUBJECT]->(s:Entity)
MATCH (ev)-[:OBJECT]->(o:Entity)
WITH d, s, o, ev
ORDER BY ev.confidence DESC, ev.start
WITH d.id AS docId, coalesce(d.publishedAt, d.ingestedAt) AS reported, s, o, ev.factKey AS factKey, count(ev) AS evidence,
     max(ev.confidence) AS best, head(collect(ev { .confidence, .start, .quote })) AS top,
     [x IN collect(ev.extractor) WHERE x <> ''] AS mine
MATCH (s)-[r:EMPLOYED_BY|LEADS|MEMBER_OF|OWNS|PARTY_TO|AWARDED_BY|CONTRACTS_WITH|FUNDS|INVESTIGATES|SUBJECT_OF|COMMUNICATES_WITH|ASSOCIATED_WITH {factKey: factKey}]->(o)
WITH docId, reported, factKey, evidence, top, mine, r, CASE WHEN best > 1.0 THEN 1.0 WHEN best < 0.0 THEN 0.0 ELSE best END AS best
ORDER BY factKey
SET r.adjusting = true
WITH docId, reported, evidence, top, mine, best, r,
     COLLECT { UNWIND r.extractors + mine AS x WITH DISTINCT x RETURN x ORDER BY x } AS extractors,
     r.certainDocs + CASE WHEN best >= 1.0 THEN 1 ELSE 0 END AS certainDocs,
     CASE WHEN best >= 1.0 THEN r.untrue ELSE r.untrue * (1.0 - best) END AS untrue,
     r.sampleDocId IS NULL OR top.confidence > r.sampleConfidence
       OR (top.confidence = r.sampleConfidence AND (docId < r.sampleDocId OR (docId = r.sampleDocId AND top.start < r.sampleStart))) AS better
SET r.evidenceCount = r.evidenceCount + evidence,
    r.docCount = r.docCount + 1,
    r.certainDocs = certainDocs,
    r.untrue = untrue,
    r.confidence = CASE WHEN certainDocs > 0 THEN 1.0 ELSE 1.0 - untrue END,
    r.firstSeen = CASE WHEN r.firstSeen <= reported THEN r.firstSeen ELSE reported END,
    r.lastSeen = CASE WHEN r.lastSeen >= reported THEN r.lastSeen ELSE reported END,
    r.docIds = COLLECT { UNWIND r.docIds + [docId] AS id WITH DISTINCT id RETURN id ORDER BY id LIMIT 20 },
    r.extractorCounts = [x IN extractors | coalesce(head([i IN range(0, size(r.extractors) - 1) WHERE r.extractors[i] = x | r.extractorCounts[i]]), 0)
                                           + size([y IN mine WHERE y = x])],
    r.extractors = extractors,
    r.sampleQuote = CASE WHEN better THEN top.quote ELSE r.sampleQuote END,
    r.sampleConfidence = CASE WHEN better THEN top.confidence ELSE r.sampleConfidence END,
    r.sampleDocId = CASE WHEN better THEN docId ELSE r.sampleDocId END,
    r.sampleStart = CASE WHEN better THEN top.start ELSE r.sampleStart END
REMOVE r.adjusting
