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

  it("is refused at once by the routes instance A serves without Next.js (GET /api/queue, PATCH /api/claims/:id)", async () => {
    const reviewer = await createUser(admin, "reviewer");
    const session = await login(A, reviewer.email, reviewer.password);
    // A serves these itself once Next.js has loaded their modules (lib/http/fast-path.mjs).
    await fetch(`${A}/api/queue`);
    await fetch(`${A}/api/claims/00000000-0000-4000-8000-000000000000`);
    expect((await call(A, session, "/api/queue")).status).toBe(200);

    expect((await call(B, admin, `/api/users/${reviewer.id}`, { method: "PATCH", body: { disabled: true } })).status).toBe(200);
    const queue = await call(A, session, "/api/queue");
    expect([queue.status, queue.json.error.code]).toEqual([401, "unauthorized"]);
    const write = await call(A, session, "/api/claims/00000000-0000-4000-8000-000000000000", {
      method: "PATCH",
      body: { version: 1, rationale: "After being disabled." },
    });
    expect([write.status, write.json.error.code]).toEqual([401, "unauthorized"]);
  });
});
