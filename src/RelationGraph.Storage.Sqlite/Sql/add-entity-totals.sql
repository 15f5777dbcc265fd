-- A new document only adds mentions. An entity already mentioned elsewhere counts by its mentions, so its
-- totals are extended; the rest (new, or counted through its facts' evidence) are queued for a full recount.
UPDATE entities SET
    mention_count = mention_count + added.new_mentions,
    doc_count = doc_count + 1,
    first_seen = min(coalesce(first_seen, $reported_at), $reported_at),
    last_seen = max(coalesce(last_seen, $reported_at), $reported_at)
FROM (SELECT m.value ->> 1 AS entity_id, count(*) AS new_mentions FROM documents d, json_each(d.mentions) m WHERE d.id = $doc_id GROUP BY 1) AS added
WHERE entities.id = added.entity_id AND entities.mention_count > 0;

INSERT OR IGNORE INTO temp.recount_entities (id)
SELECT e.id FROM temp.touched_entities t CROSS JOIN entities e ON e.id = t.id WHERE e.mention_count = 0;
