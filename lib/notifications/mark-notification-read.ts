import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { claims, notifications } from "@/db/schema";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { notFound, parseInput } from "../errors";
import { claimHref } from "./notification-view";
import { notificationIdSchema } from "./schemas";

/**
 * Marks one of the reader's notifications read (again is fine) and says where it leads. Another
 * user's notification answers 404, exactly like one that does not exist: its existence is not
 * the reader's business. Reading one's own inbox is not desk data, so it writes no audit row.
 */
export async function markNotificationRead(actor: Actor | null, id: unknown): Promise<{ id: number; href: string }> {
  const user = await authorize(actor, "claim:read", { type: "notification" });
  const data = parseInput(notificationIdSchema, { id });
  const db = await getDb();
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, data.id), eq(notifications.recipientId, user.id)))
    .returning({ id: notifications.id, claimId: notifications.claimId });
  if (!row) throw notFound("The notification");
  const [claim] = await db.select({ articleId: claims.articleId }).from(claims).where(eq(claims.id, row.claimId));
  if (!claim) throw notFound("The claim");
  return { id: row.id, href: claimHref(user, row.claimId, claim.articleId) };
}
