SELECT coalesce(max(seq), 0), coalesce(min(seq), 0) FROM index_log;
