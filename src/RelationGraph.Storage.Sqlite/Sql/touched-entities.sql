SELECT e.id, e.kind FROM entities e JOIN temp.touched_entities t ON t.id = e.id;
