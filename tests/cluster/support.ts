import crypto from "node:crypto";
import postgres from "postgres";
import { afterAll } from "vitest";
import { credentialsLogin, DEMO, DEMO_PASSWORD, type ResponseJson } from "../e2e/support";

/**
 * The two app instances that tests/cluster/run.mjs started on one PostgreSQL database (same
 * AUTH_SECRET, same settings): a test sends each request to the instance it names.
 */
export const A = requiredEnv("CLUSTER_A_URL");
export const B = requiredEnv("CLUSTER_B_URL");
export const INSTANCES = [A, B] as const;
export { DEMO, DEMO_PASSWORD };

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the two-instance suite with npm run test:cluster`);
  return value;
}

/** The instances' database, for what a test checks after the fact (audit rows, job rows). */
export function useDatabase(): postgres.Sql {
  const sql = postgres(requiredEnv("CLUSTER_DATABASE_URL"), { max: 2, onnotice: () => {} });
  afterAll(() => sql.end({ timeout: 5 }));
  return sql;
}

export interface Answer {
  status: number;
  json: ResponseJson;
}

/** Who calls: a session cookie (from a login on either instance) or an API token. */
export type Credential = { cookie: string } | { token: string };

export async function call(
  base: string,
  who: Credential | null,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (who && "cookie" in who) headers.cookie = who.cookie;
  if (who && "token" in who) headers.authorization = `Bearer ${who.token}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const r = await fetch(`${base}${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    redirect: "manual",
  });
  const text = await r.text();
  let json: ResponseJson;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: r.status, json };
}

/** Logs in through the Credentials endpoints of `base`; the cookie is then good on both instances. */
export async function login(base: string, email: string, password = DEMO_PASSWORD): Promise<{ cookie: string }> {
  const { cookie } = await credentialsLogin(email, password, { base });
  const who = await call(base, { cookie }, "/api/auth/session");
  if (who.json?.user?.email !== email) throw new Error(`login as ${email} on ${base} failed`);
  return { cookie };
}

/** A new user made by the admin (on instance B), with a unique e-mail. */
export async function createUser(
  admin: Credential,
  role: "editor" | "reviewer" | "admin",
  password = `pw-${crypto.randomBytes(6).toString("hex")}`,
) {
  const email = `${role}-${crypto.randomBytes(4).toString("hex")}@cluster.example`;
  const created = await call(B, admin, "/api/users", {
    method: "POST",
    body: { email, name: `Cluster ${role}`, role, password },
  });
  if (created.status !== 201) throw new Error(`creating ${email}: ${created.status} ${JSON.stringify(created.json)}`);
  return { id: created.json.user.id as string, email, password };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
