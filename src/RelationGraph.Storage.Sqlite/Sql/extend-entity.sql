-- The new documents of one batch mention a stored entity $mention_count times in $doc_count documents reported
-- between $first_seen and $last_seen: totals are extended once per batch, and the attributes they give win.
-- An entity no document mentioned so far counted its documents through its facts' evidence (an entity created in
-- this batch starts there too); from now on it counts by mentions, and these are the only documents mentioning it.
-- Every right-hand side reads the row as it was.
UPDATE entities SET
    amount = coalesce($amount, amount),
    currency = coalesce($currency, currency),
    year = coalesce($year, year),
    status = coalesce($status, status),
    mention_count = mention_count + $mention_count,
    doc_count = CASE WHEN $mention_count = 0 THEN doc_count WHEN mention_count > 0 THEN doc_count + $doc_count ELSE $doc_count END,
    first_seen = CASE WHEN $mention_count = 0 THEN first_seen
                      WHEN mention_count > 0 THEN min(coalesce(first_seen, $first_seen), $first_seen) ELSE $first_seen END,
    last_seen = CASE WHEN $mention_count = 0 THEN last_seen
                     WHEN mention_count > 0 THEN max(coalesce(last_seen, $last_seen), $last_seen) ELSE $last_seen END
WHERE id = $id;
