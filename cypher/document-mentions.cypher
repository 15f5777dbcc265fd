// One document's mentions in text order: no row for an unknown document, one row with a null id for one without mentions.
MATCH (d:Document {id: $docId})
OPTIONAL MATCH (m:Mention)-[:IN_DOCUMENT]->(d)
OPTIONAL MATCH (m)-[:REFERS_TO]->(e:Entity)
RETURN m.id AS id, d.id AS docId, e.id AS entityId, m.start AS start, m.end AS end, m.text AS text, m.sentenceIndex AS sentenceIndex
ORDER BY start, id
