// At start, on a database whose mentions were written before running totals (by an earlier version, or loaded from an
// export; store-format says whether to look): stamps $limit of them with their entity's id and their document's report
// time, as mentions-create does; the adapter repeats it until fewer come back.
MATCH (m:Mention)-[:IN_DOCUMENT]->(d:Document)
WHERE m.reportedAt IS NULL AND coalesce(d.publishedAt, d.ingestedAt) IS NOT NULL
WITH m, d LIMIT $limit
OPTIONAL MATCH (m)-[:REFERS_TO]->(e:Entity)
SET m.reportedAt = coalesce(d.publishedAt, d.ingestedAt), m.entityId = e.id
RETURN count(m) AS done
