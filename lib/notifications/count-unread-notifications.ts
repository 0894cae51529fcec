import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { notifications } from "@/db/schema";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";

/** The header shows "99+" past this: counting further would cost every page for nothing. */
export const UNREAD_COUNT_CAP = 100;

/**
 * The header's unread badge, on every desk page: one query, an index-only scan of the partial
 * index notifications_unread_idx (unread rows only), stopped after UNREAD_COUNT_CAP rows.
 */
export async function countUnreadNotifications(actor: Actor | null): Promise<number> {
  const user = await authorize(actor, "claim:read", { type: "notification" });
  const db = await getDb();
  // `read_at is null` is written out, not bound: the planner must see it to use the partial index.
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(
      sql`(select 1 from ${notifications} where ${notifications.recipientId} = ${user.id} and ${notifications.readAt} is null limit ${UNREAD_COUNT_CAP}) as unread`,
    );
  return Number(row?.n ?? 0);
}
