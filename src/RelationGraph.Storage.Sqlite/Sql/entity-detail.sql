SELECT id, kind, name, mention_count, doc_count, first_seen, last_seen, amount, currency, year, status
FROM entities WHERE id = $id;
