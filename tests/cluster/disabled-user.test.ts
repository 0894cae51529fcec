import { beforeAll, describe, expect, it } from "vitest";
import { A, B, call, createUser, DEMO, login } from "./support";

/**
 * Sessions and tokens are checked against the database on every request, on every instance: a
 * user disabled through one instance is refused by the other at its very next request.
 */
describe("a user disabled through instance B", () => {
  let admin: { cookie: string };
  beforeAll(async () => {
    admin = await login(B, DEMO.admin);
  });

  it("is refused at once on instance A, with the session cookie and with an API token", async () => {
    const user = await createUser(admin, "editor");
    const session = await login(A, user.email, user.password);
    const made = await call(A, session, "/api/tokens", { method: "POST", body: { name: "cluster", scopes: ["read"] } });
    expect(made.status).toBe(201);
    const token = { token: made.json.secret as string };

    // Both work on both instances before.
    for (const base of [A, B]) {
      expect((await call(base, session, "/api/articles?limit=1")).status).toBe(200);
      expect((await call(base, token, "/api/articles?limit=1")).status).toBe(200);
    }

    const disabled = await call(B, admin, `/api/users/${user.id}`, { method: "PATCH", body: { disabled: true } });
    expect(disabled.status).toBe(200);
    expect(disabled.json.user.disabled).toBe(true);

    // The very next request on A, no waiting.
    const bySession = await call(A, session, "/api/articles?limit=1");
    const byToken = await call(A, token, "/api/articles?limit=1");
    expect(bySession.status).toBe(401);
    expect(byToken.status).toBe(401);
    expect(bySession.json.error.code).toBe("unauthorized");
    expect(byToken.json.error.code).toBe("unauthorized");

    // Enabling again through A does not bring the old session back (disabling ended it); the token works again.
    expect((await call(A, admin, `/api/users/${user.id}`, { method: "PATCH", body: { disabled: false } })).status).toBe(200);
    expect((await call(B, session, "/api/articles?limit=1")).status).toBe(401);
    expect((await call(B, token, "/api/articles?limit=1")).status).toBe(200);
  });
});
