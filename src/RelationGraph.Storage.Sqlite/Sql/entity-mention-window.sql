-- The first mention of an entity in the document that mentions it most, with the text around it: what quotes an entity
-- that no fact quotes. substr counts characters, which are code points, as mention offsets are.
SELECT m.value ->> 2 AS start, m.value ->> 4 AS text, max(0, (m.value ->> 2) - $margin) AS window_start,
       substr(d.text, max(0, (m.value ->> 2) - $margin) + 1, (m.value ->> 3) - (m.value ->> 2) + 2 * $margin) AS window
FROM (SELECT doc_id FROM entity_documents WHERE entity_id = $id ORDER BY mention_count DESC, doc_id LIMIT 1) best
JOIN documents d ON d.id = best.doc_id, json_each(d.mentions) m
WHERE m.value ->> 1 = $id
ORDER BY m.value ->> 2
LIMIT 1;
