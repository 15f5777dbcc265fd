-- The newest and oldest entries, each an O(log n) seek: SQLite seeks for min() or max() only when it is the query's
-- sole aggregate, and scans every row for both in one SELECT (this runs before every read that uses the path index).
SELECT coalesce((SELECT max(seq) FROM index_log), 0), coalesce((SELECT min(seq) FROM index_log), 0);
