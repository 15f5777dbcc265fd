SELECT e.id, e.kind, e.name, e.mention_count, e.doc_count
FROM entities e
WHERE e.name_key = $key
   OR e.id IN (SELECT a.entity_id FROM entity_aliases a WHERE a.alias_key = $key)
ORDER BY e.doc_count DESC, e.mention_count DESC, e.id;
