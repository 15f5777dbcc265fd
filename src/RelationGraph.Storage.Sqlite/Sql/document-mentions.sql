-- One document's mentions in text order: no row for an unknown document, one row of nulls for one without mentions.
SELECT d.id, m.value ->> 0, m.value ->> 1, m.value ->> 2, m.value ->> 3, m.value ->> 4, m.value ->> 5
FROM documents d LEFT JOIN json_each(d.mentions) m
WHERE d.id = $id
ORDER BY m.value ->> 2, m.value ->> 0;
