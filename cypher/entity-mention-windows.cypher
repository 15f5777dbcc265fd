// For each entity: its first mention in the document that mentions it most, with $margin characters of the text on
// each side (the adapter cuts the mention's sentence from it, Core's MentionSentence), for the candidates of an
// ambiguous name that no fact quotes. Entities without mentions give no row.
UNWIND $ids AS entityId
MATCH (e:Entity {id: entityId})
CALL (e) {
  MATCH (m:Mention)-[:REFERS_TO]->(e)
  WITH m.docId AS docId, count(m) AS mentions, min(m.start) AS first
  ORDER BY mentions DESC, docId
  LIMIT 1
  MATCH (d:Document {id: docId})<-[:IN_DOCUMENT]-(m:Mention)-[:REFERS_TO]->(e)
  WHERE m.start = first
  WITH d, m
  LIMIT 1
  WITH m, CASE WHEN m.start > $margin THEN m.start - $margin ELSE 0 END AS windowStart, d.text AS text
  RETURN m.text AS text, m.start AS start, windowStart, substring(text, windowStart, m.end - m.start + 2 * $margin) AS window
}
RETURN e.id AS id, text, start, windowStart, window
