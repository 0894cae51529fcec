import "server-only";
import { getDb } from "@/lib/database";
import { recordAudit } from "../audit/record-audit";
import { forbidden, unauthorized } from "../errors";
import { type Actor, type Permission, can } from "./permissions";

/**
 * The permission gate every use case calls first. A refusal of a signed-in user is written to the
 * audit log (docs/security.md: refused actions are logged) before the 403 is thrown.
 */
export async function authorize(
  actor: Actor | null | undefined,
  permission: Permission,
  target: { type: string; id?: string | null } = { type: permission.split(":")[0] ?? "app" },
): Promise<Actor> {
  if (!actor) throw unauthorized();
  if (can(actor, permission)) return actor;
  await recordDenied(actor, permission, target);
  throw forbidden();
}

export async function recordDenied(
  actor: Actor,
  permission: string,
  target: { type: string; id?: string | null },
  reason?: string,
): Promise<void> {
  try {
    await recordAudit(await getDb(), {
      actorId: actor.id,
      action: "access.denied",
      targetType: target.type,
      targetId: target.id ?? null,
      meta: { permission, role: actor.role, ...(reason ? { reason } : {}) },
    });
  } catch (err) {
    // Failing to log a refusal must not turn it into an acceptance or a 500.
    console.error("could not record a refused action", err);
  }
}
