import type { Actor } from "../../lib/auth/permissions";
import { CLI_ACTOR } from "../../lib/auth/system-actor";
import { createUser } from "../../lib/users/create-user";

export const TEST_PASSWORD = "correct horse battery staple";

let n = 0;

/** Users of every role, with unique e-mails so several fixtures can live in one database. */
export async function createActors(prefix = `t${++n}`) {
  const make = async (role: "editor" | "reviewer" | "admin", label: string): Promise<Actor> => {
    const u = await createUser(CLI_ACTOR, {
      email: `${prefix}-${label}@example.com`,
      name: `${label} ${prefix}`,
      role,
      password: TEST_PASSWORD,
    });
    return { id: u.id, email: u.email, name: u.name, role: u.role };
  };
  return {
    editor: await make("editor", "editor"),
    editor2: await make("editor", "editor2"),
    reviewer: await make("reviewer", "reviewer"),
    reviewer2: await make("reviewer", "reviewer2"),
    admin: await make("admin", "admin"),
  };
}

/** The SQLSTATE and message of the database error a promise rejects with (drizzle wraps it). */
export async function dbError(promise: Promise<unknown>): Promise<{ code: string | undefined; message: string }> {
  const { sqlState } = await import("../../lib/errors");
  try {
    await promise;
  } catch (err) {
    let message = "";
    for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
      message += ` ${(e as Error).message}`;
    }
    return { code: sqlState(err), message };
  }
  throw new Error("expected the database to refuse the statement");
}
