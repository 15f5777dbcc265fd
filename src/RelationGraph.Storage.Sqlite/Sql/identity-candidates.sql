-- People and organisations under any of the keys (a JSON array), with their aliases, most documented first.
SELECT e.id, e.kind, e.name, e.mention_count, e.doc_count,
       (SELECT json_group_array(a.alias ORDER BY a.alias) FROM entity_aliases a WHERE a.entity_id = e.id) AS aliases
FROM entities e
WHERE e.id IN (SELECT k.entity_id FROM entity_keys k WHERE k.key IN (SELECT value FROM json_each($keys)))
ORDER BY e.doc_count DESC, e.mention_count DESC, e.id;
