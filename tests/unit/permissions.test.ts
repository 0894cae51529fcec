import { describe, expect, it } from "vitest";
import { type Actor, PERMISSIONS, type Permission, assertCan, can } from "../../lib/auth/permissions";
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

describe("permissions", () => {
  it("can() grants exactly the roles the table lists, and nothing else", () => {
    for (const permission of PERMISSION_NAMES) {
      expect(holders(permission), permission).toEqual(
        ROLES.filter((role) => (PERMISSIONS[permission] as readonly Actor["role"][]).includes(role)),
      );
    }
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
