import "server-only";
import { and, eq, isNull, lte } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { notifications } from "@/db/schema";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { parseInput } from "../errors";
import { markAllReadSchema } from "./schemas";

/**
 * Marks the reader's unread notifications read, up to the newest one they were shown (`upTo`):
 * one that arrived after the page was drawn stays unread. Answers how many were marked. Reading
 * one's own inbox is not desk data, so no audit row (as in mark-notification-read.ts).
 */
export async function markAllNotificationsRead(actor: Actor | null, input: unknown): Promise<{ marked: number }> {
  const user = await authorize(actor, "claim:read", { type: "notification" });
  const data = parseInput(markAllReadSchema, input);
  const db = await getDb();
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.recipientId, user.id), isNull(notifications.readAt), lte(notifications.id, data.upTo)))
    .returning({ id: notifications.id });
  return { marked: rows.length };
}
