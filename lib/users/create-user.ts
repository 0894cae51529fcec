import "server-only";
import { getDb } from "@/lib/database";
import { users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { type SystemActor, isSystemActor } from "../auth/system-actor";
import { AppError, parseInput, sqlState } from "../errors";
import { hashPassword } from "./password";
import { createUserSchema } from "./schemas";
import { type UserView, toUserView } from "./user-view";

/** Used by the admin page, and by the terminal command and the demo seed acting as the system. */
export async function createUser(by: Actor | SystemActor | null, input: unknown): Promise<UserView> {
  const system = isSystemActor(by) ? by : null;
  const actor = isSystemActor(by) ? null : await authorize(by, "user:manage", { type: "user" });
  const data = parseInput(createUserSchema, input);
  const passwordHash = await hashPassword(data.password);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({ email: data.email, name: data.name, role: data.role, passwordHash })
        .returning();
      if (!row) throw new Error("insert returned no row");
      await recordAudit(tx, {
        actorId: actor?.id ?? null,
        action: "user.create",
        targetType: "user",
        targetId: row.id,
        after: { email: row.email, name: row.name, role: row.role },
        meta: system ? { via: system.via } : undefined,
      });
      return toUserView(row);
    });
  } catch (err) {
    if (sqlState(err) === "23505") {
      throw new AppError("conflict", "A user with that e-mail address already exists.", {
        email: "A user with that e-mail address already exists.",
      });
    }
    throw err;
  }
}
