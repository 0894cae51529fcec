import "server-only";
import { articles } from "@/db/schema";
import { getDb } from "@/lib/database";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";

/** Whether the desk has no article yet (its first run): one row looked at, at most. */
export async function isDeskEmpty(actor: Actor | null): Promise<boolean> {
  await authorize(actor, "article:read", { type: "article" });
  const db = await getDb();
  const rows = await db.select({ id: articles.id }).from(articles).limit(1);
  return rows.length === 0;
}
