import { beforeAll, describe, expect, it } from "vitest";
import { A, B, call, DEMO, login, sleep, useDatabase } from "./support";

/**
 * Both instances run the job runner with every schedule set to every minute and a scheduler that
 * looks every second (tests/cluster/run.mjs): each scheduled job must still run once a minute, not
 * once per instance, and the re-check sweep marks a claim due once.
 */
const SCHEDULED = ["recheck-sweep", "source-sweep"];
/** After the minute's run completed: time for the other instance's scheduler and workers to run it again (they look every second). */
const SETTLE_MS = 10_000;

const BODY =
  "Council news.\n\nThe mayor said the new library will open its doors in the autumn.\n\nResidents asked for longer hours.";
const QUOTE = "the new library will open its doors in the autumn";

describe("scheduled jobs across two instances", () => {
  const sql = useDatabase();
  let claimId: string;

  beforeAll(async () => {
    // An approved claim whose re-check date is today: the next re-check sweep marks it due.
    const editor = await login(A, DEMO.editor);
    const reviewer = await login(B, DEMO.reviewer);
    const article = await call(A, editor, "/api/articles", {
      method: "POST",
      body: { title: `Library ${Date.now()}`, body: BODY },
    });
    let c = (await call(A, editor, `/api/articles/${article.json.article.id}/claims`, { method: "POST", body: { exact: QUOTE } }))
      .json.claim;
    c = (
      await call(A, editor, `/api/claims/${c.id}`, {
        method: "PATCH",
        body: { version: c.version, verdict: "unproven", rationale: "No date has been set by the council." },
      })
    ).json.claim;
    c = (
      await call(A, editor, `/api/claims/${c.id}/sources`, {
        method: "POST",
        body: { claimVersion: c.version, url: "https://example.org/library-plan", title: "Library plan" },
      })
    ).json.claim;
    c = (await call(A, editor, `/api/claims/${c.id}/submit`, { method: "POST", body: { version: c.version } })).json.claim;
    const approved = await call(B, reviewer, `/api/claims/${c.id}/review`, {
      method: "POST",
      body: { version: c.version, decision: "approve" },
    });
    expect(approved.status).toBe(200);
    c = approved.json.claim;
    const today = new Date().toISOString().slice(0, 10);
    const dated = await call(A, editor, `/api/claims/${c.id}/recheck-date`, {
      method: "POST",
      body: { version: c.version, recheckBy: today },
    });
    expect(dated.status).toBe(200);
    claimId = c.id;
  });

  /** Runs of `name` created in the minute from `from` (database time), from the live and the archived jobs. */
  const runs = (name: string, from: Date) => {
    const to = new Date(from.getTime() + 60_000);
    return sql<{ state: string }[]>`
      select state from pgboss.job where name = ${name} and created_on >= ${from} and created_on < ${to}
      union all
      select state from pgboss.archive where name = ${name} and created_on >= ${from} and created_on < ${to}`;
  };

  it(
    "each scheduled job runs once in a minute, not once per instance; the due claim is marked once",
    { timeout: 150_000 },
    async () => {
      // The next minute boundary, by the database's clock (pg-boss schedules by it).
      const [next] = await sql<{ boundary: Date }[]>`select date_trunc('minute', now()) + interval '1 minute' as boundary`;
      const boundary = next!.boundary;
      const deadline = boundary.getTime() + 60_000;
      for (const name of SCHEDULED) {
        while (!(await runs(name, boundary)).some((r) => r.state === "completed")) {
          if (Date.now() > deadline) throw new Error(`${name} did not run in the minute after ${boundary.toISOString()}`);
          await sleep(500);
        }
      }
      await sleep(SETTLE_MS);
      for (const name of SCHEDULED)
        expect(
          (await runs(name, boundary)).map((r) => r.state),
          name,
        ).toEqual(["completed"]);

      const due =
        await sql`select count(*)::int as n from audit_events where action = 'claim.recheck_due' and target_id = ${claimId}`;
      expect(due[0]!.n).toBe(1);
      const [claim] = await sql`select recheck_due_at from claims where id = ${claimId}`;
      expect(claim!.recheck_due_at).not.toBeNull();
    },
  );
});
