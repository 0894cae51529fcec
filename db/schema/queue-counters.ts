import { bigint, pgTable, primaryKey, smallint, text } from "drizzle-orm/pg-core";

/**
 * Running counts of claims in review, kept by statement-level triggers on `claims` (migration
 * 0003's custom part): bucket `waiting` counts every claim in review, a reviewer's id as bucket
 * counts those assigned to them. Each transaction adds to one of 16 shards (by its id), so that
 * concurrent submissions and approvals do not queue on one row; a reader sums the shards. The
 * reviewers' header badge reads this instead of counting hundreds of thousands of index entries.
 */
export const claimQueueCounters = pgTable(
  "claim_queue_counters",
  {
    bucket: text("bucket").notNull(),
    shard: smallint("shard").notNull(),
    n: bigint("n", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.shard] })],
);
