-- Aliases in the same statement, as aliases-by-ids.sql orders them: one statement per read instead of two.
SELECT e.id, e.kind, e.name, e.mention_count, e.doc_count,
       (SELECT json_group_array(a.alias ORDER BY a.alias) FROM entity_aliases a WHERE a.entity_id = e.id) AS aliases
FROM entities e
WHERE e.id IN (SELECT value FROM json_each($ids));
