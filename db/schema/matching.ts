import { index, jsonb, pgTable, real, timestamp, uuid } from "drizzle-orm/pg-core";
import { claims } from "./claims";
import { users } from "./users";

/**
 * Claims that people confirmed make the same claim (issue 11, claim matching). A claim belongs to
 * at most one group; confirming a match between two groups merges them.
 */
export const claimMatchGroups = pgTable("claim_match_groups", {
  id: uuid("id").primaryKey().defaultRandom(),
  createdBy: uuid("created_by")
    .notNull()
    .references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const claimMatchLinks = pgTable(
  "claim_match_links",
  {
    claimId: uuid("claim_id")
      .primaryKey()
      .references(() => claims.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => claimMatchGroups.id, { onDelete: "cascade" }),
    linkedBy: uuid("linked_by")
      .notNull()
      .references(() => users.id),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
    /** The match score and reasons shown when the person confirmed it (lib/matching/score-match.ts). */
    score: real("score"),
    reasons: jsonb("reasons"),
  },
  (t) => [index("claim_match_links_group_idx").on(t.groupId)],
);

export type ClaimMatchLinkRow = typeof claimMatchLinks.$inferSelect;
