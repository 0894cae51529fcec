import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { API_TOKEN_SCOPES } from "@/domain/vocabulary";
import { inList } from "./in-list";
import { users } from "./users";

/**
 * Bearer tokens for the JSON API (CMSs, search tools, scripts). Only a SHA-256 of the secret is
 * stored (the secret is 256 random bits, so a fast hash is enough); the secret is shown once.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    scopes: text("scopes").array().notNull(),
    /** hex SHA-256 of the whole token string. */
    tokenHash: text("token_hash").notNull(),
    /** The first characters of the token, to recognise it in a list. */
    prefix: text("prefix").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_key").on(t.tokenHash),
    index("api_tokens_user_idx").on(t.userId, t.createdAt),
    check(
      "api_tokens_scopes_check",
      sql`${t.scopes} <@ array[${inList(API_TOKEN_SCOPES)}]::text[] and cardinality(${t.scopes}) > 0`,
    ),
  ],
);
