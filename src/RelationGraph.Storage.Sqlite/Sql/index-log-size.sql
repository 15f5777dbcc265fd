-- The size row of a file that has none (a new one, or one from before it): what index_log holds now; the triggers keep it since.
INSERT INTO index_log_size (id, bytes)
SELECT 1, coalesce(sum(bytes), 0) FROM index_log WHERE NOT EXISTS (SELECT 1 FROM index_log_size);
