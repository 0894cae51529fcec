import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Request counters of the rate limits (lib/security/rate-limits.ts): one row per bucket
 * (`token:<id>`, `user:<id>`, `ip:<address>`, `login:<address>`), counting the requests of its
 * current fixed window. Shared by every app instance on the database, and written by one upsert
 * per request. UNLOGGED (migration 0025): a lost counter after a crash only forgives a minute of
 * requests, and a write without WAL does not wait for a disk flush at commit.
 */
export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    bucket: text("bucket").primaryKey(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull(),
  },
  (t) => [index("rate_limit_counters_window_idx").on(t.windowStart)],
);
