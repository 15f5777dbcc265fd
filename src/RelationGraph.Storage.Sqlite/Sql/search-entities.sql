-- Exact key first, then prefix, then contains; $prefix and $contains are LIKE patterns with '\' escapes.
SELECT e.id, e.kind, e.name, e.mention_count, e.doc_count,
       min(CASE
               WHEN e.name_key = $key OR a.alias_key = $key THEN 0
               WHEN e.name_key LIKE $prefix ESCAPE '\' OR a.alias_key LIKE $prefix ESCAPE '\' THEN 1
               ELSE 2
           END) AS match_rank
FROM entities e
LEFT JOIN entity_aliases a ON a.entity_id = e.id
WHERE ($kind IS NULL OR e.kind = $kind)
  AND (e.name_key LIKE $contains ESCAPE '\' OR a.alias_key LIKE $contains ESCAPE '\')
GROUP BY e.id
ORDER BY match_rank, e.doc_count DESC, e.mention_count DESC, e.name, e.id
LIMIT $limit;
