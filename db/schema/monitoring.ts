import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sources } from "./claims";
import { users } from "./users";

/** What a source check found; `ok` is a 2xx answer, the rest make the link "broken". */
export const SNAPSHOT_OUTCOMES = ["ok", "http_error", "refused", "failed"] as const;
export type SnapshotOutcome = (typeof SNAPSHOT_OUTCOMES)[number];

/**
 * One fetch of a source's URL (lib/sources/check-source.ts). Kept as text only: never served or
 * rendered as HTML. The first `ok` snapshot of a URL is what the desk cited; a later `ok` snapshot
 * with another hash means the content changed since.
 */
export const sourceSnapshots = pgTable(
  "source_snapshots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sourceId: uuid("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    /** The source's URL when it was fetched (an edited URL starts a new history). */
    url: text("url").notNull(),
    outcome: text("outcome", { enum: SNAPSHOT_OUTCOMES }).notNull(),
    httpStatus: integer("http_status"),
    finalUrl: text("final_url"),
    contentType: text("content_type"),
    title: text("title"),
    textExtract: text("text_extract"),
    /** SHA-256 (hex) of textExtract: what "content changed" compares. */
    sha256: text("sha256"),
    bytes: integer("bytes").notNull().default(0),
    /** The body was longer than the size limit and was cut. */
    truncated: boolean("truncated").notNull().default(false),
    /** Why the fetch failed or was refused (safe-fetch's message). */
    error: text("error"),
    fetchedAt: timestamp("fetched_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("source_snapshots_outcome_check", sql`${t.outcome} in ('ok', 'http_error', 'refused', 'failed')`),
    check("source_snapshots_ok_check", sql`${t.outcome} <> 'ok' or ${t.sha256} is not null`),
    index("source_snapshots_source_idx").on(t.sourceId, t.fetchedAt),
  ],
);

/**
 * The desk's settings: one row (id = 1). Re-check periods are in days: `recheckDays` for most
 * claims, `recheckMovingDays` for figures that move (troops, prices, polls…).
 */
export const deskSettings = pgTable(
  "desk_settings",
  {
    id: integer("id").primaryKey().default(1),
    recheckDays: integer("recheck_days").notNull().default(180),
    recheckMovingDays: integer("recheck_moving_days").notNull().default(30),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("desk_settings_singleton_check", sql`${t.id} = 1`),
    check("desk_settings_recheck_check", sql`${t.recheckDays} between 1 and 3650 and ${t.recheckMovingDays} between 1 and 3650`),
  ],
);

export type SourceSnapshotRow = typeof sourceSnapshots.$inferSelect;
export type DeskSettingsRow = typeof deskSettings.$inferSelect;
