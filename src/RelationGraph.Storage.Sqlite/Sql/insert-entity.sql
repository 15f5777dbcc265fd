-- One statement per entity: affects 1 row when the entity is new, 0 when it exists (the first name seen stays canonical).
INSERT OR IGNORE INTO entities (id, kind, name, name_key, amount, currency, year, status)
VALUES ($id, $kind, $name, $name_key, $amount, $currency, $year, $status);
