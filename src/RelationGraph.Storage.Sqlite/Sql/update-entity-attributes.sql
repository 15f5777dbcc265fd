-- Attributes a newer document gives win over stored ones; run only when the document gives any.
UPDATE entities SET
    amount = coalesce($amount, amount),
    currency = coalesce($currency, currency),
    year = coalesce($year, year),
    status = coalesce($status, status)
WHERE id = $id;
