import "../support/rate-limits-off";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { authenticate } from "../../lib/auth/authenticate";
import { LOGIN_MAX_FAILURES, LOGIN_MAX_FAILURES_PER_IP } from "../../lib/users/limits";
import { useTestDatabase } from "../support/db";
import { createActors, TEST_PASSWORD } from "../support/fixtures";

/**
 * Hole 1 of the security probe (issue 14): login throttling must hold against parallel attempts.
 * Real parallelism: the attempts run at once through the real authenticate (what Auth.js's
 * authorize calls) on the test database (PostgreSQL with DATABASE_URL: separate connections).
 */
const db = useTestDatabase();

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const r = await db.handle().db.execute(query);
  return ("rows" in (r as object) ? (r as unknown as { rows: T[] }).rows : (r as unknown as T[])) as T[];
}

/** Attempts whose password was checked: each check ends in an auth.login or auth.login_failed row. */
async function checkedFor(userId: string): Promise<{ failed: number; ok: number; throttled: number }> {
  const [r] = await rows<{ failed: number; ok: number; throttled: number }>(sql`
    select count(*) filter (where action = 'auth.login_failed')::int as failed,
           count(*) filter (where action = 'auth.login')::int as ok,
           count(*) filter (where action = 'auth.login_throttled')::int as throttled
    from audit_events where target_id = ${userId}`);
  return r!;
}

describe("login throttling under parallel attempts", () => {
  it("100 parallel wrong guesses: at most the limit are checked, the rest are throttled", async () => {
    const { editor } = await createActors("thr100");
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        authenticate({ email: editor.email, password: `wrong guess ${i}` }, { ip: "192.0.2.1" }),
      ),
    );
    const checked = await checkedFor(editor.id);
    expect(checked.failed).toBe(LOGIN_MAX_FAILURES);
    expect(checked.throttled).toBe(100 - LOGIN_MAX_FAILURES);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(100 - LOGIN_MAX_FAILURES);
    // And the account is locked for the right password too.
    expect(await authenticate({ email: editor.email, password: TEST_PASSWORD })).toEqual({ ok: false, reason: "throttled" });
  });

  it("30 simultaneous attempts (29 wrong, 1 right): no more than the limit are checked", async () => {
    const { editor } = await createActors("thr30");
    const attempts = [
      ...Array.from({ length: 29 }, (_, i) => ({ email: editor.email, password: `wrong guess ${i}` })),
      { email: editor.email, password: TEST_PASSWORD },
    ];
    const results = await Promise.all(attempts.map((a) => authenticate(a)));
    const checked = await checkedFor(editor.id);
    expect(checked.failed + checked.ok).toBeLessThanOrEqual(LOGIN_MAX_FAILURES);
    expect(checked.throttled).toBe(30 - checked.failed - checked.ok);
    // The right password got in only if it was among the attempts checked within the limit.
    expect(results[29]!.ok).toBe(checked.ok === 1);
  });

  it("with one failure left, 30 simultaneous attempts get exactly one check", async () => {
    const { editor } = await createActors("thr-last");
    for (let i = 0; i < LOGIN_MAX_FAILURES - 1; i++) await authenticate({ email: editor.email, password: `wrong ${i}` });
    const results = await Promise.all([
      ...Array.from({ length: 29 }, (_, i) => authenticate({ email: editor.email, password: `parallel wrong ${i}` })),
      authenticate({ email: editor.email, password: TEST_PASSWORD }),
    ]);
    const checked = await checkedFor(editor.id);
    expect(checked.failed + checked.ok).toBe(LOGIN_MAX_FAILURES);
    expect(results.filter((r) => r.ok).length).toBeLessThanOrEqual(1);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(29);
  });

  it("one address guessing many accounts at once is throttled per address", async () => {
    const ip = "198.51.100.7";
    const n = LOGIN_MAX_FAILURES_PER_IP + 20;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        authenticate({ email: `nobody-${i}@example.com`, password: "a wrong password" }, { ip }),
      ),
    );
    const [r] = await rows<{ failed: number }>(
      sql`select count(*)::int as failed from audit_events where action = 'auth.login_failed' and meta->>'ip' = ${ip}`,
    );
    expect(r!.failed).toBe(LOGIN_MAX_FAILURES_PER_IP);
    expect(results.filter((x) => !x.ok && x.reason === "throttled")).toHaveLength(20);
    // Another address is not affected.
    const { editor } = await createActors("thr-ip");
    expect((await authenticate({ email: editor.email, password: TEST_PASSWORD }, { ip: "198.51.100.8" })).ok).toBe(true);
  });
});
