-- Keeps the newest $keep rows (the newest is never pruned, so seq never goes back).
DELETE FROM index_log WHERE seq <= $seq - $keep;
