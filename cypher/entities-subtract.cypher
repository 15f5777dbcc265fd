// A stored document is being replaced or removed: its mentions come out of the running totals of the entities they
// name, before they are deleted (document-delete-provenance). Only this document's mentions are read. Each entity is
// write-locked (the SET of adjusting) in id order before its totals are read. First and last seen are looked up again
// only when this document held them, in order through the mention_entity_reported index, one entry past this
// document's own. An entity left without mentions is recounted from its facts' evidence (entities-recount).
MATCH (d:Document {id: $docId})<-[:IN_DOCUMENT]-(m:Mention)-[:REFERS_TO]->(e:Entity)
WITH coalesce(d.publishedAt, d.ingestedAt) AS reported, e, count(m) AS mentions
ORDER BY e.id
SET e.adjusting = true
WITH reported, e, e.mentionCount - mentions AS mentionCount, e.docCount - 1 AS docCount
WITH e, mentionCount,
     CASE WHEN mentionCount = 0 THEN 0 ELSE docCount END AS docCount,
     CASE WHEN mentionCount = 0 THEN null
          WHEN reported <> e.firstSeen THEN e.firstSeen
          ELSE COLLECT { MATCH (x:Mention) WHERE x.entityId = e.id AND x.reportedAt IS NOT NULL AND x.docId <> $docId
                         RETURN x.reportedAt AS t ORDER BY t LIMIT 1 }[0] END AS firstSeen,
     CASE WHEN mentionCount = 0 THEN null
          WHEN reported <> e.lastSeen THEN e.lastSeen
          ELSE COLLECT { MATCH (x:Mention) WHERE x.entityId = e.id AND x.reportedAt IS NOT NULL AND x.docId <> $docId
                         RETURN x.reportedAt AS t ORDER BY t DESC LIMIT 1 }[0] END AS lastSeen
SET e.mentionCount = mentionCount, e.docCount = docCount, e.firstSeen = firstSeen, e.lastSeen = lastSeen
REMOVE e.adjusting
