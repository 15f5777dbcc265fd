// A document's mentions, just written (mentions-create), go into the running totals of the entities they name: only
// this document's mentions are read, and each entity is write-locked (the SET of adjusting) in id order before its
// totals are read and extended. An entity's documents are those that mention it, so one mentioned for the first time
// starts over from this document (until then it counted the documents giving evidence for its facts).
MATCH (d:Document {id: $docId})<-[:IN_DOCUMENT]-(m:Mention)-[:REFERS_TO]->(e:Entity)
WITH coalesce(d.publishedAt, d.ingestedAt) AS reported, e, count(m) AS mentions
ORDER BY e.id
SET e.adjusting = true
WITH reported, e, mentions, e.mentionCount > 0 AS mentioned
SET e.mentionCount = e.mentionCount + mentions,
    e.docCount = CASE WHEN mentioned THEN e.docCount + 1 ELSE 1 END,
    e.firstSeen = CASE WHEN mentioned AND e.firstSeen <= reported THEN e.firstSeen ELSE reported END,
    e.lastSeen = CASE WHEN mentioned AND e.lastSeen >= reported THEN e.lastSeen ELSE reported END
REMOVE e.adjusting
