import { sql } from "drizzle-orm";
import { bigserial, check, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { NOTIFICATION_KINDS } from "../../domain/vocabulary";
import { claims, comments } from "./claims";
import { inList } from "./in-list";
import { users } from "./users";

/**
 * What happened to a user's claims while they were away (lib/notifications/). Written by lib/ in
 * the same transaction as the change it reports, so a rolled-back change never notifies anyone.
 * The id is the page cursor: newest first is `id desc`.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    recipientId: uuid("recipient_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Who did it; null for the system (the demo seed, a terminal command). */
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    claimId: uuid("claim_id")
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    commentId: uuid("comment_id").references(() => comments.id, { onDelete: "cascade" }),
    /** A short excerpt: the reviewer's reason, the comment's first words, why the text changed. */
    detail: text("detail"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    check("notifications_kind_check", sql`${t.kind} in (${inList(NOTIFICATION_KINDS)})`),
    check("notifications_detail_check", sql`${t.detail} is null or length(${t.detail}) <= 300`),
    // The notifications page: one user's, newest first, keyset-paged on id.
    index("notifications_recipient_idx").on(t.recipientId, t.id),
    // The header's unread count on every desk page: an index-only count of the unread rows alone.
    index("notifications_unread_idx")
      .on(t.recipientId)
      .where(sql`${t.readAt} is null`),
    // Deleting a claim or a comment cascades here.
    index("notifications_claim_idx").on(t.claimId),
    index("notifications_comment_idx")
      .on(t.commentId)
      .where(sql`${t.commentId} is not null`),
  ],
);

export type NotificationRow = typeof notifications.$inferSelect;
