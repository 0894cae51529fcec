-- Rate-limit counters (0024) are written by every API request. UNLOGGED: their writes make no WAL,
-- so a request's upsert commits without waiting for a disk flush. After a crash the table comes back
-- empty (a minute of counts forgiven) and it is not copied to streaming replicas; neither matters
-- for counters that live one window.
ALTER TABLE "rate_limit_counters" SET UNLOGGED;
