// Export: a page of mentions in id order after $after.
MATCH (m:Mention)-[:REFERS_TO]->(e:Entity)
WHERE m.id > $after
RETURN m.id AS id, m.docId AS docId, e.id AS entityId, m.start AS start, m.end AS end, m.text AS text, m.sentenceIndex AS sentenceIndex
ORDER BY m.id
LIMIT $limit
