import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { type SystemActor, isSystemActor } from "../auth/system-actor";
import { AppError, notFound, parseInput } from "../errors";
import { hashPassword } from "./password";
import { updateUserSchema } from "./schemas";
import { type UserView, toUserView } from "./user-view";

/**
 * Changes role, name, disabled state or password. A role, disabled or password change bumps the
 * session version, which ends that user's existing sessions on their next request.
 */
export async function updateUser(by: Actor | SystemActor | null, input: unknown): Promise<UserView> {
  const system = isSystemActor(by) ? by : null;
  const actor = isSystemActor(by) ? null : await authorize(by, "user:manage", { type: "user", id: claimedUserId(input) });
  const data = parseInput(updateUserSchema, input);
  if (actor && data.userId === actor.id && (data.disabled === true || (data.role && data.role !== "admin"))) {
    throw new AppError("unprocessable", "You cannot disable yourself or remove your own admin role.", {
      [data.disabled ? "disabled" : "role"]: "Ask another admin to do this.",
    });
  }
  const passwordHash = data.password ? await hashPassword(data.password) : undefined;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(users).where(eq(users.id, data.userId)).for("update");
    if (!current) throw notFound("User");
    const roleChanged = data.role !== undefined && data.role !== current.role;
    const disabledChanged = data.disabled !== undefined && data.disabled !== current.disabled;
    const endsSessions = roleChanged || disabledChanged || passwordHash !== undefined;
    const [row] = await tx
      .update(users)
      .set({
        ...(data.role !== undefined ? { role: data.role } : {}),
        ...(data.disabled !== undefined ? { disabled: data.disabled } : {}),
        ...(data.name !== undefined ? { name: data.name } : {}),
        ...(passwordHash ? { passwordHash } : {}),
        ...(endsSessions ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
        updatedAt: new Date(),
      })
      .where(eq(users.id, data.userId))
      .returning();
    if (!row) throw notFound("User");
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    if (roleChanged) [before.role, after.role] = [current.role, row.role];
    if (disabledChanged) [before.disabled, after.disabled] = [current.disabled, row.disabled];
    if (data.name !== undefined && data.name !== current.name) [before.name, after.name] = [current.name, row.name];
    if (passwordHash) after.password = "changed";
    await recordAudit(tx, {
      actorId: actor?.id ?? null,
      action: disabledChanged ? (row.disabled ? "user.disable" : "user.enable") : "user.update",
      targetType: "user",
      targetId: row.id,
      before,
      after,
      meta: { sessionsEnded: endsSessions, ...(system ? { via: system.via } : {}) },
    });
    return toUserView(row);
  });
}

/** The user a change names, for the audit row of a refusal (the input is parsed after authorizing). */
function claimedUserId(input: unknown): string | null {
  const userId = input && typeof input === "object" && "userId" in input ? input.userId : null;
  return typeof userId === "string" ? userId : null;
}
