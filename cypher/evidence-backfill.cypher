// At start, on a database whose evidence was written before running totals (by an earlier version, or loaded from an
// export; store-format says whether to look): stamps $limit of them with their document's report time and their
// negated confidence, as evidence-create does; the adapter repeats it until fewer come back.
MATCH (ev:Evidence)-[:IN_DOCUMENT]->(d:Document)
WHERE (ev.reportedAt IS NULL OR ev.negConfidence IS NULL) AND ev.confidence IS NOT NULL
  AND coalesce(d.publishedAt, d.ingestedAt) IS NOT NULL
WITH ev, d LIMIT $limit
SET ev.reportedAt = coalesce(d.publishedAt, d.ingestedAt), ev.negConfidence = -ev.confidence
RETURN count(ev) AS done
