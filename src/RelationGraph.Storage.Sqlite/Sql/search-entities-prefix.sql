-- Exact and prefix matches only, through range scans of the search keys ($form_end is $form followed by U+10FFFF, a
-- noncharacter, so the range holds every key that starts with $form). The two forms are the query's name key and its
-- loose form (Core's NameQuery; the same when they do not differ), compared with every name, alias and loose key. When
-- they fill the page, contains matches, ranked after them, cannot be on it, and search-entities.sql is not run.
WITH hits (entity_id, match_rank) AS (
    SELECT entity_id, CASE WHEN key IN ($form, $loose_form) THEN 0 ELSE 1 END
    FROM entity_search
    WHERE key >= $form AND key < $form_end
    UNION ALL
    SELECT entity_id, CASE WHEN key IN ($form, $loose_form) THEN 0 ELSE 1 END
    FROM entity_search
    WHERE key >= $loose_form AND key < $loose_form_end AND $loose_form <> $form
)
SELECT e.id, e.kind, e.name, e.mention_count, e.doc_count, min(h.match_rank) AS match_rank
FROM hits h
JOIN entities e ON e.id = h.entity_id
WHERE ($kind IS NULL OR e.kind = $kind)
GROUP BY e.id
ORDER BY match_rank, e.doc_count DESC, e.mention_count DESC, e.name, e.id
LIMIT $limit;
