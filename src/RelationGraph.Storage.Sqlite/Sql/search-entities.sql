-- Exact key first, then prefix, then contains, on names, aliases and their loose forms. Exact and prefix matches are
-- the range scans of search-entities-prefix.sql; contains matches come from the trigram index ($match: the forms of
-- three characters or more as quoted FTS5 phrases joined by OR, each a substring of the keys it matches), so only keys
-- that contain the query are read. The ranking joins just the hits.
WITH hits (entity_id, match_rank) AS (
    SELECT entity_id, CASE WHEN key IN ($form, $loose_form) THEN 0 ELSE 1 END
    FROM entity_search
    WHERE key >= $form AND key < $form_end
    UNION ALL
    SELECT entity_id, CASE WHEN key IN ($form, $loose_form) THEN 0 ELSE 1 END
    FROM entity_search
    WHERE key >= $loose_form AND key < $loose_form_end AND $loose_form <> $form
    UNION ALL
    SELECT s.entity_id, 2
    FROM entity_search_fts f
    JOIN entity_search s ON s.id = f.rowid
    WHERE entity_search_fts MATCH $match
)
SELECT e.id, e.kind, e.name, e.mention_count, e.doc_count, min(h.match_rank) AS match_rank
FROM hits h
JOIN entities e ON e.id = h.entity_id
WHERE ($kind IS NULL OR e.kind = $kind)
GROUP BY e.id
ORDER BY match_rank, e.doc_count DESC, e.mention_count DESC, e.name, e.id
LIMIT $limit;
