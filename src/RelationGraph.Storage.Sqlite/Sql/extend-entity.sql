-- A new document mentions a known entity $mention_count times: totals are extended, attributes it gives win.
-- An entity no document mentioned so far counted its documents through its facts' evidence; from now on it counts
-- by mentions, and this is the only document mentioning it. Every right-hand side reads the row as it was.
UPDATE entities SET
    amount = coalesce($amount, amount),
    currency = coalesce($currency, currency),
    year = coalesce($year, year),
    status = coalesce($status, status),
    mention_count = mention_count + $mention_count,
    doc_count = CASE WHEN $mention_count = 0 THEN doc_count WHEN mention_count > 0 THEN doc_count + 1 ELSE 1 END,
    first_seen = CASE WHEN $mention_count = 0 THEN first_seen
                      WHEN mention_count > 0 THEN min(coalesce(first_seen, $reported_at), $reported_at) ELSE $reported_at END,
    last_seen = CASE WHEN $mention_count = 0 THEN last_seen
                     WHEN mention_count > 0 THEN max(coalesce(last_seen, $reported_at), $reported_at) ELSE $reported_at END
WHERE id = $id;
