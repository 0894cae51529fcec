import "server-only";
import { asc, sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { users } from "@/db/schema";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { type UserView, toUserView } from "./user-view";

export async function listUsers(actor: Actor | null): Promise<UserView[]> {
  await authorize(actor, "user:manage", { type: "user" });
  const db = await getDb();
  const rows = await db
    .select()
    .from(users)
    .orderBy(asc(sql`lower(${users.email})`));
  return rows.map(toUserView);
}
