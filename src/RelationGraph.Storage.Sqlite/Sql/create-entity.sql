-- A new document's new entity. Its totals start empty and are written with the batch's others (extend-entity.sql).
INSERT INTO entities (id, kind, name, name_key, amount, currency, year, status)
VALUES ($id, $kind, $name, $name_key, $amount, $currency, $year, $status);
