import { describe, expect, it } from "vitest";
import { API_TOKEN_SCOPES, type ApiTokenScope } from "../../domain/vocabulary";
import { type Actor, PERMISSIONS, type Permission, assertCan, can, scopesAllowedFor } from "../../lib/auth/permissions";
import { AppError } from "../../lib/errors";

const actor = (role: Actor["role"]): Actor => ({
  id: "00000000-0000-4000-8000-000000000001",
  email: "x@example.com",
  name: "X",
  role,
});

const ROLES = ["editor", "reviewer", "admin"] as const;
const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];
const holders = (permission: Permission) => ROLES.filter((role) => can(actor(role), permission));
const allowedTo = (who: Actor) => PERMISSION_NAMES.filter((permission) => can(who, permission)).sort();

/**
 * What each role's job is (README, "Users and roles"), written as the permissions it needs. Asked
 * of can(), so a permission taken from a role, given to another, or added without deciding who
 * holds it fails here.
 */
const JOBS: Record<Actor["role"], readonly string[]> = {
  // imports articles, marks claims, gives verdicts and sources, submits for review, publishes reports
  editor: [
    "article:read",
    "article:write",
    "audit:read",
    "claim:read",
    "claim:submit",
    "claim:write",
    "comment:write",
    "report:publish",
    "report:read-internal",
  ],
  // reads everything, takes claims from the queue, approves or requests changes
  reviewer: [
    "article:read",
    "audit:read",
    "claim:assign",
    "claim:read",
    "claim:review",
    "comment:write",
    "queue:read",
    "report:read-internal",
  ],
  // everything, plus users, jobs, desk settings and webhooks
  admin: [
    "article:read",
    "article:write",
    "audit:read",
    "claim:assign",
    "claim:read",
    "claim:review",
    "claim:submit",
    "claim:write",
    "comment:write",
    "jobs:manage",
    "queue:read",
    "report:publish",
    "report:read-internal",
    "settings:manage",
    "user:manage",
    "webhooks:manage",
  ],
};

/** What a token of each scope lets an admin do (docs/api.md): reading, writing, reviewing, administering. */
const SCOPES: Record<ApiTokenScope, readonly string[]> = {
  read: ["article:read", "audit:read", "claim:read", "queue:read", "report:read-internal"],
  write: ["article:write", "claim:submit", "claim:write", "comment:write", "report:publish"],
  review: ["claim:assign", "claim:review"],
  admin: ["jobs:manage", "settings:manage", "user:manage", "webhooks:manage"],
};

describe("permissions", () => {
  it("each role holds exactly the permissions its job needs", () => {
    for (const role of ROLES) expect(allowedTo(actor(role)), role).toEqual([...JOBS[role]].sort());
  });

  it("a token narrows its user to the permissions of its scopes", () => {
    for (const scope of API_TOKEN_SCOPES) {
      const admin = { ...actor("admin"), token: { id: "t", scopes: [scope] } };
      expect(allowedTo(admin), scope).toEqual([...SCOPES[scope]].sort());
    }
    const editor = { ...actor("editor"), token: { id: "t", scopes: [...API_TOKEN_SCOPES] } };
    expect(allowedTo(editor), "a token never adds to the role").toEqual([...JOBS.editor].sort());
  });

  it("a token carries only scopes some permission of its user's role needs", () => {
    expect(scopesAllowedFor("editor").sort()).toEqual(["read", "write"]);
    expect(scopesAllowedFor("reviewer").sort()).toEqual(["read", "review", "write"]);
    expect(scopesAllowedFor("admin").sort()).toEqual([...API_TOKEN_SCOPES].sort());
  });

  it("admins may do everything; every permission has a holder", () => {
    for (const permission of PERMISSION_NAMES) expect(holders(permission), permission).toContain("admin");
  });

  it("keeps the separation of duties: editors never decide, reviewers never write claims", () => {
    for (const permission of ["claim:review", "claim:assign", "queue:read"] as const) {
      expect(holders(permission), permission).not.toContain("editor");
    }
    for (const permission of ["claim:write", "claim:submit", "article:write", "report:publish"] as const) {
      expect(holders(permission), permission).not.toContain("reviewer");
    }
  });

  it("reserves managing users and the desk to admins", () => {
    for (const permission of PERMISSION_NAMES.filter((p) => p.endsWith(":manage"))) {
      expect(holders(permission), permission).toEqual(["admin"]);
    }
  });

  it("lets every signed-in role read the desk's articles and claims", () => {
    for (const permission of ["article:read", "claim:read"] as const) expect(holders(permission)).toEqual([...ROLES]);
  });

  it("denies anonymous users everything", () => {
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
      expect(can(null, permission)).toBe(false);
      expect(() => assertCan(null, permission)).toThrow(AppError);
    }
  });

  it("denies unknown permissions and unknown roles by default", () => {
    expect(can(actor("editor"), "claim:delete-everything" as Permission)).toBe(false);
    expect(can({ ...actor("editor"), role: "superuser" as Actor["role"] }, "article:read")).toBe(false);
  });

  it("throws 401 for anonymous and 403 for a role without the permission", () => {
    const anon = (() => {
      try {
        assertCan(undefined, "user:manage");
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(anon?.status).toBe(401);
    const editor = (() => {
      try {
        assertCan(actor("editor"), "user:manage");
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(editor?.status).toBe(403);
  });
});
