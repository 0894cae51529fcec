import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { users } from "@/db/schema";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";

/** The people a search can be narrowed to ("editor" filter): desk users who may mark claims. */
export async function listSearchEditors(actor: Actor | null): Promise<{ id: string; name: string }[]> {
  await authorize(actor, "claim:read", { type: "search" });
  const db = await getDb();
  const rows = await db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(eq(users.disabled, false))
    .orderBy(asc(users.name));
  return rows.filter((u) => u.role !== "reviewer").map(({ id, name }) => ({ id, name }));
}
