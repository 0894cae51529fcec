import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { users } from "@/db/schema";
import { type UserView, toUserView } from "./user-view";

/** For the terminal command: find a user by e-mail without an acting user. */
export async function findUserByEmailForCli(email: string): Promise<UserView | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  return row ? toUserView(row) : null;
}
