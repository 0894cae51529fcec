import { beforeAll, describe, expect, it } from "vitest";
import { credentialsLogin } from "../e2e/support";
import { A, B, call, createUser, DEMO, login } from "./support";

/** lib/users/limits.ts: LOGIN_MAX_FAILURES (10) failed logins in the window lock the account. */
const MAX_FAILURES = 10;

/** Whether a Credentials login on `base` ends with a session. */
async function signsIn(base: string, email: string, password: string): Promise<boolean> {
  const { cookie } = await credentialsLogin(email, password, { base });
  const who = await call(base, { cookie }, "/api/auth/session");
  return who.json?.user?.email === email;
}

describe("login throttling is counted in the database, across instances", () => {
  let admin: { cookie: string };
  beforeAll(async () => {
    admin = await login(B, DEMO.admin);
  });

  it("wrong passwords spread over both instances lock the account at the same count as on one", async () => {
    const user = await createUser(admin, "editor");
    // One below the limit, alternating instances: the right password still signs in, on either.
    for (let i = 0; i < MAX_FAILURES - 1; i++) expect(await signsIn(i % 2 ? B : A, user.email, `wrong-${i}`)).toBe(false);
    expect(await signsIn(A, user.email, user.password)).toBe(true);
    // The tenth failure, on B, locks the account for both.
    expect(await signsIn(B, user.email, "wrong-last")).toBe(false);
    expect(await signsIn(A, user.email, user.password)).toBe(false);
    expect(await signsIn(B, user.email, user.password)).toBe(false);

    const audit = await call(A, admin, `/api/audit?action=auth.login_throttled&limit=50`);
    expect(audit.status).toBe(200);
    const refusals = audit.json.items.filter((i: { meta: { email?: string } }) => i.meta.email === user.email);
    expect(refusals).toHaveLength(2);
  });
});
