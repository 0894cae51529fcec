import { describe, expect, it } from "vitest";
import { type Actor, PERMISSIONS, type Permission, assertCan, can } from "../../lib/auth/permissions";
import { AppError } from "../../lib/errors";

const actor = (role: Actor["role"]): Actor => ({
  id: "00000000-0000-4000-8000-000000000001",
  email: "x@example.com",
  name: "X",
  role,
});

const EXPECTED: Record<Permission, Actor["role"][]> = {
  "article:read": ["editor", "reviewer", "admin"],
  "article:write": ["editor", "admin"],
  "claim:read": ["editor", "reviewer", "admin"],
  "claim:write": ["editor", "admin"],
  "claim:submit": ["editor", "admin"],
  "claim:review": ["reviewer", "admin"],
  "claim:assign": ["reviewer", "admin"],
  "comment:write": ["editor", "reviewer", "admin"],
  "claim:match": ["editor", "reviewer", "admin"],
  "queue:read": ["reviewer", "admin"],
  "report:read-internal": ["editor", "reviewer", "admin"],
  "report:publish": ["editor", "admin"],
  "audit:read": ["editor", "reviewer", "admin"],
  "user:manage": ["admin"],
  "jobs:manage": ["admin"],
  "settings:manage": ["admin"],
};

describe("permissions", () => {
  it("grants exactly the documented roles for every permission", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [permission, roles] of Object.entries(EXPECTED) as [Permission, Actor["role"][]][]) {
      for (const role of ["editor", "reviewer", "admin"] as const) {
        expect(can(actor(role), permission), `${role} ${permission}`).toBe(roles.includes(role));
      }
    }
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
