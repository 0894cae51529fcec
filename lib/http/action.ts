import "server-only";
import { headers } from "next/headers";
import { getCurrentActor } from "../auth/current-user";
import type { Actor } from "../auth/permissions";
import { AppError } from "../errors";
import { hasSessionCookie, unavailableInstead } from "./api";

export type ActionResult<T = unknown> =
  | { ok: true; data?: T; message?: string }
  | { ok: false; code: string; error: string; fields?: Record<string, string>; details?: Record<string, unknown> };

/**
 * The one wrapper of every server action: resolves the signed-in user (null when there is none:
 * the use case answers 401) and hands it to `fn`, which calls one use case in lib/ with the
 * action's untrusted arguments. Errors become an `ActionResult` (see `runAction`).
 */
export async function serverAction<T>(fn: (actor: Actor | null) => Promise<T>, message?: string): Promise<ActionResult<T>> {
  return runAction(async () => fn(await getCurrentActor()), message);
}

/**
 * Server actions are public POST endpoints: each one parses with zod and authorizes in lib/.
 * This maps lib's typed errors to a result the form can show next to each field. Actions use it
 * through `serverAction`, which resolves the acting user inside it.
 */
export async function runAction<T>(fn: () => Promise<T>, message?: string): Promise<ActionResult<T>> {
  try {
    const data = await fn();
    return { ok: true, data, message };
  } catch (err) {
    // Next.js control flow (redirect, notFound) must pass through.
    if (err && typeof err === "object" && "digest" in err) throw err;
    // A database that is down, restarting or saturated: "try again", never "internal" or "sign in".
    const unavailable = await unavailableInstead(err, await requestHasSession(), "action");
    if (unavailable) return { ok: false, code: unavailable.code, error: unavailable.message };
    if (err instanceof AppError) {
      return { ok: false, code: err.code, error: err.message, fields: err.fields, details: err.details };
    }
    console.error("[action] unexpected error", err);
    return { ok: false, code: "internal", error: "Something went wrong on our side. Please try again." };
  }
}

async function requestHasSession(): Promise<boolean> {
  try {
    return hasSessionCookie((await headers()).get("cookie"));
  } catch {
    return false; // outside a request (scripts, tests)
  }
}

/** What a form action answers when it is called with something other than a form. */
export const NOT_A_FORM = "This action takes a form.";

/**
 * FormData to a plain object of strings; checkboxes become booleans where named. A server action
 * is a public endpoint: called with anything but a form, it is a 400 (`bad_request`), not a crash.
 */
export function formToObject(formData: FormData, booleans: string[] = []): Record<string, unknown> {
  if (!(formData instanceof FormData)) throw new AppError("bad_request", NOT_A_FORM);
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    if (typeof value === "string") out[key] = value;
  }
  for (const key of booleans) out[key] = formData.get(key) === "on" || formData.get(key) === "true";
  return out;
}
