import type { ApiTokenScope, Role } from "@/domain/vocabulary";
import { AppError, forbidden, unauthorized } from "../errors";

/** The signed-in user, as every data-layer function receives it. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Set when the request came with an API token: it narrows what the role allows to its scopes. */
  token?: { id: string; scopes: readonly ApiTokenScope[] };
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
  "queue:read": ["reviewer", "admin"],
  "report:read-internal": ["editor", "reviewer", "admin"],
  "report:publish": ["editor", "admin"],
  "audit:read": ["editor", "reviewer", "admin"],
  "user:manage": ["admin"],
  "jobs:manage": ["admin"],
  "settings:manage": ["admin"],
  "webhooks:manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** The token scope each permission needs when the actor acts through an API token. */
export const PERMISSION_SCOPE = {
  "article:read": "read",
  "article:write": "write",
  "claim:read": "read",
  "claim:write": "write",
  "claim:submit": "write",
  "claim:review": "review",
  "claim:assign": "review",
  "comment:write": "write",
  "queue:read": "read",
  "report:read-internal": "read",
  "report:publish": "write",
  "audit:read": "read",
  "user:manage": "admin",
  "jobs:manage": "admin",
  "settings:manage": "admin",
  "webhooks:manage": "admin",
} as const satisfies Record<Permission, ApiTokenScope>;

export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  if (!actor) return false;
  const roles: readonly Role[] = PERMISSIONS[permission] ?? [];
  if (!roles.includes(actor.role)) return false;
  return !actor.token || actor.token.scopes.includes(PERMISSION_SCOPE[permission]);
}

/** The scopes a token of a user with this role may carry: those some permission of the role needs. */
export function scopesAllowedFor(role: Role): ApiTokenScope[] {
  const allowed = new Set<ApiTokenScope>();
  for (const [permission, roles] of Object.entries(PERMISSIONS) as [Permission, readonly Role[]][]) {
    if (roles.includes(role)) allowed.add(PERMISSION_SCOPE[permission]);
  }
  return [...allowed];
}

/** Throws 401 for no actor and 403 for a role without the permission. */
export function assertCan(actor: Actor | null | undefined, permission: Permission): asserts actor is Actor {
  if (!actor) throw unauthorized();
  if (!can(actor, permission)) throw forbidden();
}

export { AppError };
