import type { Role } from "@/domain/vocabulary";
import { AppError, forbidden, unauthorized } from "../errors";

/** The signed-in user, as every data-layer function receives it. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * Everything a user can be allowed to do. Deny by default: a permission not listed for a role
 * here is refused. Object-level rules (four-eyes, ownership) are checked by the use case on top.
 */
export const PERMISSIONS = {
  "article:read": ["editor", "reviewer", "admin"],
  "article:write": ["editor", "admin"],
  "claim:read": ["editor", "reviewer", "admin"],
  "claim:write": ["editor", "admin"],
  "claim:submit": ["editor", "admin"],
  "claim:review": ["reviewer", "admin"],
  "claim:assign": ["reviewer", "admin"],
  "comment:write": ["editor", "reviewer", "admin"],
  /** Confirm that two claims make the same claim (claim matching). */
  "claim:match": ["editor", "reviewer", "admin"],
  "queue:read": ["reviewer", "admin"],
  "report:read-internal": ["editor", "reviewer", "admin"],
  "report:publish": ["editor", "admin"],
  "audit:read": ["editor", "reviewer", "admin"],
  "user:manage": ["admin"],
  "jobs:manage": ["admin"],
  "settings:manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  if (!actor) return false;
  const roles: readonly Role[] = PERMISSIONS[permission] ?? [];
  return roles.includes(actor.role);
}

/** Throws 401 for no actor and 403 for a role without the permission. */
export function assertCan(actor: Actor | null | undefined, permission: Permission): asserts actor is Actor {
  if (!actor) throw unauthorized();
  if (!can(actor, permission)) throw forbidden();
}

export { AppError };
