// Marks this database's running totals as complete, after the backfills ran to the end (store-format reads it).
MERGE (f:StoreFormat)
SET f.runningTotals = true
