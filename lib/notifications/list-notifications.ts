import "server-only";
import { and, desc, eq, isNull, lt, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/lib/database";
import { articles, claims, notifications, users } from "@/db/schema";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { parseInput } from "../errors";
import { claimHref, type NotificationView, summarize } from "./notification-view";
import { type ListNotificationsInput, listNotificationsSchema } from "./schemas";

export interface NotificationPage {
  items: NotificationView[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: string | null;
}

/**
 * The reader's own notifications, newest first. Keyset-paged on the id (notifications_recipient_idx),
 * so an old page costs what the first one does. Nobody can list another user's.
 */
export async function listNotifications(actor: Actor | null, input: ListNotificationsInput = {}): Promise<NotificationPage> {
  const user = await authorize(actor, "claim:read", { type: "notification" });
  const query = parseInput(listNotificationsSchema, input);
  const who = alias(users, "who");
  const where: SQL[] = [eq(notifications.recipientId, user.id)];
  if (query.before !== undefined) where.push(lt(notifications.id, query.before));
  if (query.unread) where.push(isNull(notifications.readAt));
  const db = await getDb();
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      actorId: notifications.actorId,
      actorName: who.name,
      claimId: notifications.claimId,
      statement: claims.statement,
      articleId: claims.articleId,
      articleTitle: articles.title,
      commentId: notifications.commentId,
      detail: notifications.detail,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .innerJoin(claims, eq(claims.id, notifications.claimId))
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .leftJoin(who, eq(who.id, notifications.actorId))
    .where(and(...where))
    .orderBy(desc(notifications.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      kind: r.kind,
      actor: r.actorId ? { id: r.actorId, name: r.actorName ?? "" } : null,
      claim: { id: r.claimId, statement: r.statement },
      article: { id: r.articleId, title: r.articleTitle },
      commentId: r.commentId,
      detail: r.detail,
      summary: summarize(r.kind, r.actorId ? (r.actorName ?? null) : null),
      href: claimHref(user, r.claimId, r.articleId),
      createdAt: r.createdAt.toISOString(),
      read: r.readAt !== null,
    })),
    next: rows.length > query.limit && last ? String(last.id) : null,
  };
}
