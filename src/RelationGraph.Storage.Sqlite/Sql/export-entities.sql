SELECT id, kind, name, mention_count, doc_count, first_seen, last_seen, amount, currency, year, status,
       (SELECT json_group_array(alias) FROM (SELECT a.alias FROM entity_aliases a WHERE a.entity_id = entities.id ORDER BY a.alias))
FROM entities ORDER BY id;
