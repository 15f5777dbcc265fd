-- The first name seen stays canonical; attributes the new document gives win over stored ones.
INSERT INTO entities (id, kind, name, name_key, amount, currency, year, status)
VALUES ($id, $kind, $name, $name_key, $amount, $currency, $year, $status)
ON CONFLICT (id) DO UPDATE SET
    amount = coalesce(excluded.amount, amount),
    currency = coalesce(excluded.currency, currency),
    year = coalesce(excluded.year, year),
    status = coalesce(excluded.status, status);
INSERT OR IGNORE INTO temp.touched_entities (id) VALUES ($id);
