import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/permissions";
import { countWaiting } from "../../lib/workflow/list-queue";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

// The badge's counters (db/schema/queue-counters.ts) are kept by triggers: after any kind of
// write to claims they must equal a real count, for everyone and per assigned reviewer.
describe("claim queue counters", () => {
  const { handle } = useTestDatabase();
  let a: Awaited<ReturnType<typeof createActors>>;
  const article = "00000000-0000-4000-9000-0000000000c1";
  const revision = "00000000-0000-4000-a000-0000000000c1";
  const exec = (q: ReturnType<typeof sql>) => handle().db.execute(q);

  async function realCount(reviewer: Actor) {
    const rows = (await exec(sql`select count(*)::int as waiting,
      (count(*) filter (where assigned_reviewer_id = ${reviewer.id}))::int as mine
      from claims where status = 'in_review'`)) as unknown as
      { waiting: number; mine: number }[] | { rows: { waiting: number; mine: number }[] };
    const row = (Array.isArray(rows) ? rows : rows.rows)[0]!;
    return { waiting: Number(row.waiting), assignedToMe: Number(row.mine) };
  }
  async function expectCountsTrue() {
    for (const reviewer of [a.reviewer, a.reviewer2]) {
      const counted = await countWaiting(reviewer);
      expect(counted).toEqual(await realCount(reviewer));
    }
  }

  beforeAll(async () => {
    a = await createActors("qc");
    await exec(
      sql`insert into articles (id, title, slug, created_by) values (${article}, 'Counters', 'counters', ${a.editor.id})`,
    );
    await exec(sql`insert into article_revisions (id, article_id, number, body, body_hash, normalizer_version, created_by)
      values (${revision}, ${article}, 1, 'Body text', 'h', 1, ${a.editor.id})`);
  });

  it("follow bulk inserts, status changes, reassignment, deletes and truncation", async () => {
    await exec(sql`insert into claims (article_id, exact, start_cp, end_cp, anchor_revision_id, statement, status, submitted_at, created_by, updated_by, assigned_reviewer_id)
      select ${article}, 'Body', 0, 4, ${revision}, 'Claim ' || g,
             case when g % 3 = 0 then 'draft' else 'in_review' end,
             case when g % 3 = 0 then null else now() end, ${a.editor.id}, ${a.editor.id},
             case when g % 4 = 0 then ${a.reviewer.id}::uuid when g % 4 = 1 then ${a.reviewer2.id}::uuid end
      from generate_series(1, 300) g`);
    await expectCountsTrue();
    expect((await countWaiting(a.reviewer)).waiting).toBe(200);

    // Reassign every claim of reviewer 2 to reviewer 1, in one statement.
    await exec(sql`update claims set assigned_reviewer_id = ${a.reviewer.id} where assigned_reviewer_id = ${a.reviewer2.id}`);
    await expectCountsTrue();
    expect((await countWaiting(a.reviewer2)).assignedToMe).toBe(0);

    // Out of review (withdrawn), back in, edits that change nothing about the queue.
    await exec(sql`update claims set status = 'draft' where statement in ('Claim 1', 'Claim 2', 'Claim 4')`);
    await expectCountsTrue();
    await exec(sql`update claims set status = 'in_review', submitted_at = now() where statement = 'Claim 3'`);
    await exec(sql`update claims set statement = statement || '.'`);
    await expectCountsTrue();

    await exec(sql`delete from claims where statement like 'Claim 1%'`);
    await expectCountsTrue();
    await exec(sql`truncate claims cascade`);
    expect(await countWaiting(a.reviewer)).toEqual({ waiting: 0, assignedToMe: 0 });
  });

  it("stay true under concurrent submissions and withdrawals", async () => {
    await exec(sql`insert into claims (article_id, exact, start_cp, end_cp, anchor_revision_id, statement, status, created_by, updated_by)
      select ${article}, 'Body', 0, 4, ${revision}, 'Parallel ' || g, 'draft', ${a.editor.id}, ${a.editor.id}
      from generate_series(1, 40) g`);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        handle().db.transaction(async (tx) => {
          await tx.execute(sql`update claims set status = 'in_review', submitted_at = now(),
            assigned_reviewer_id = ${i % 2 ? a.reviewer.id : null} where statement = ${`Parallel ${i + 1}`}`);
          if (i % 5 === 0) await tx.execute(sql`update claims set status = 'draft' where statement = ${`Parallel ${i + 1}`}`);
        }),
      ),
    );
    await expectCountsTrue();
    expect((await countWaiting(a.reviewer)).waiting).toBe(32);
  });
});
