-- Exact key first, then prefix, then contains, on names, aliases and their loose forms. The first four arms are range
-- scans of the key indexes of names, aliases and loose names (the entity_search rows marked loose), joined by row id
-- ($form_end is $form followed by U+10FFFF, a noncharacter, so the range holds every key that starts with $form). The
-- two forms are the query's name key and its loose form (Core's NameQuery; the same when they do not differ). Contains
-- matches come from the trigram index over every search key ($match: the forms of three characters or more as quoted
-- FTS5 phrases joined by OR, each a substring of the keys it matches), so only keys that contain the query are read.
-- Each arm keeps only its own best page, so a short query that starts 400,000 names sorts none of them whole; the page
-- is the best of those. With $match NULL the contains arm is skipped before it opens the index (a constant term, as
-- $loose_form <> $form is): what people type is mostly the start of a name, and a full page of exact and prefix
-- matches needs no contains search, so the store runs this first with $match NULL, and again with it only when the
-- page is not full.
WITH hits (rid, match_rank) AS (
    SELECT rid, match_rank FROM (
        SELECT e.rowid AS rid, CASE WHEN e.name_key IN ($form, $loose_form) THEN 0 ELSE 1 END AS match_rank
        FROM entities e
        WHERE e.name_key >= $form AND e.name_key < $form_end AND ($kind IS NULL OR e.kind = $kind)
        ORDER BY match_rank, e.doc_count DESC, e.mention_count DESC, e.name, e.id
        LIMIT $limit)
    UNION ALL
    SELECT rid, match_rank FROM (
        SELECT e.rowid AS rid, CASE WHEN e.name_key IN ($form, $loose_form) THEN 0 ELSE 1 END AS match_rank
        FROM entities e
        WHERE e.name_key >= $loose_form AND e.name_key < $loose_form_end AND $loose_form <> $form AND ($kind IS NULL OR e.kind = $kind)
        ORDER BY match_rank, e.doc_count DESC, e.mention_count DESC, e.name, e.id
        LIMIT $limit)
    UNION ALL
    -- one entity may have several aliases in the range: grouped before the page is cut
    SELECT rid, match_rank FROM (
        SELECT e.rowid AS rid, min(CASE WHEN k.key IN ($form, $loose_form) THEN 0 ELSE 1 END) AS match_rank
        FROM (SELECT a.entity_id, a.alias_key AS key FROM entity_aliases a WHERE a.alias_key >= $form AND a.alias_key < $form_end
              UNION ALL
              SELECT a.entity_id, a.alias_key AS key FROM entity_aliases a WHERE a.alias_key >= $loose_form AND a.alias_key < $loose_form_end AND $loose_form <> $form) k
        JOIN entities e ON e.id = k.entity_id
        WHERE $kind IS NULL OR e.kind = $kind
        GROUP BY e.rowid
        ORDER BY match_rank, e.doc_count DESC, e.mention_count DESC, e.name, e.id
        LIMIT $limit)
    UNION ALL
    -- loose names (those that are neither a name key nor an alias key), through ix_entity_search_loose
    SELECT rid, match_rank FROM (
        SELECT e.rowid AS rid, min(CASE WHEN k.key IN ($form, $loose_form) THEN 0 ELSE 1 END) AS match_rank
        FROM (SELECT s.entity_id, s.key AS key FROM entity_search s WHERE s.loose = 1 AND s.key >= $form AND s.key < $form_end
              UNION ALL
              SELECT s.entity_id, s.key AS key FROM entity_search s WHERE s.loose = 1 AND s.key >= $loose_form AND s.key < $loose_form_end AND $loose_form <> $form) k
        JOIN entities e ON e.id = k.entity_id
        WHERE $kind IS NULL OR e.kind = $kind
        GROUP BY e.rowid
        ORDER BY match_rank, e.doc_count DESC, e.mention_count DESC, e.name, e.id
        LIMIT $limit)
    UNION ALL
    -- contains: every key holding one of the forms as a substring, from the trigram index
    SELECT rid, match_rank FROM (
        SELECT e.rowid AS rid, 2 AS match_rank
        FROM entity_search_fts f
        JOIN entity_search s ON s.id = f.rowid
        JOIN entities e ON e.id = s.entity_id
        WHERE $match IS NOT NULL AND entity_search_fts MATCH $match AND ($kind IS NULL OR e.kind = $kind)
        GROUP BY e.rowid
        ORDER BY match_rank, e.doc_count DESC, e.mention_count DESC, e.name, e.id
        LIMIT $limit)
)
SELECT e.id, e.kind, e.name, e.mention_count, e.doc_count, min(h.match_rank) AS match_rank
FROM hits h
JOIN entities e ON e.rowid = h.rid
GROUP BY e.id
ORDER BY match_rank, e.doc_count DESC, e.mention_count DESC, e.name, e.id
LIMIT $limit;
