-- A new document's new entity, with the totals a recount would give: mentioned here, it has one document so far.
-- One that is not mentioned (a fact's endpoint the text only implies) is recounted through its facts' evidence afterwards.
INSERT INTO entities (id, kind, name, name_key, amount, currency, year, status, mention_count, doc_count, first_seen, last_seen)
VALUES ($id, $kind, $name, $name_key, $amount, $currency, $year, $status,
        $mention_count, CASE WHEN $mention_count > 0 THEN 1 ELSE 0 END, $reported_at, $reported_at);
