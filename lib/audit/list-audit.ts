import "server-only";
import { and, desc, eq, like, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { auditEvents, users } from "@/db/schema";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { parseInput } from "../errors";
import { isStorableText } from "../validation";

export const auditQuerySchema = z.strictObject({
  /** The id of the last row of the previous page (rows come newest first). */
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** An action, or a prefix ending in "." ("auth." for every login event). */
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]*)?$/, "action is like claim.update or auth.")
    .optional(),
  actor: z.uuid("Unknown user.").optional(),
  target: z.string().max(100).refine(isStorableText, "target cannot contain control characters.").optional(),
});

export interface AuditRow {
  id: number;
  at: string;
  actor: { id: string; name: string; email: string } | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  meta: unknown;
}

/**
 * The whole audit trail, newest first, for admins: logins (failed too), refused actions, user
 * changes, every claim and report change. Keyset-paginated on the id.
 */
export async function listAuditEvents(
  actor: Actor | null,
  input: z.input<typeof auditQuerySchema> = {},
): Promise<{ items: AuditRow[]; next: number | null }> {
  await authorize(actor, "user:manage", { type: "audit" });
  const q = parseInput(auditQuerySchema, input);
  const where: SQL[] = [];
  if (q.before) where.push(lt(auditEvents.id, q.before));
  if (q.action) where.push(q.action.endsWith(".") ? like(auditEvents.action, `${q.action}%`) : eq(auditEvents.action, q.action));
  if (q.actor) where.push(eq(auditEvents.actorId, q.actor));
  if (q.target) where.push(eq(auditEvents.targetId, q.target));
  const db = await getDb();
  const rows = await db
    .select({ event: auditEvents, name: users.name, email: users.email })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map(({ event, name, email }) => ({
      id: event.id,
      at: event.at.toISOString(),
      actor: event.actorId ? { id: event.actorId, name: name ?? "", email: email ?? "" } : null,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      before: event.before,
      after: event.after,
      meta: event.meta,
    })),
    next: rows.length > q.limit ? (page[page.length - 1]?.event.id ?? null) : null,
  };
}
