SELECT kind, mention_count FROM entities WHERE id = $id;
