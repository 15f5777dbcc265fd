DELETE FROM temp.touched_facts;
DELETE FROM temp.touched_entities;
