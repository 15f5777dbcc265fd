-- Exact and prefix matches only, through range scans of the key indexes ($key_end is $key followed by U+10FFFF, a
-- noncharacter, so the range holds every key that starts with $key). When they fill the page, contains matches,
-- ranked after them, cannot be on it, and the whole-index scan of search-entities.sql is skipped.
WITH hits (rid, match_rank) AS (
    SELECT rowid, CASE WHEN name_key = $key THEN 0 ELSE 1 END
    FROM entities
    WHERE name_key >= $key AND name_key < $key_end
    UNION ALL
    SELECT e.rowid, CASE WHEN a.alias_key = $key THEN 0 ELSE 1 END
    FROM entity_aliases a
    JOIN entities e ON e.id = a.entity_id
    WHERE a.alias_key >= $key AND a.alias_key < $key_end
)
SELECT e.id, e.kind, e.name, e.mention_count, e.doc_count, min(h.match_rank) AS match_rank
FROM hits h
JOIN entities e ON e.rowid = h.rid
WHERE ($kind IS NULL OR e.kind = $kind)
GROUP BY e.id
ORDER BY match_rank, e.doc_count DESC, e.mention_count DESC, e.name, e.id
LIMIT $limit;
