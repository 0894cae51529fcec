import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getApprovalTimes } from "../../lib/dashboard/approval-times";
import { exportDashboardCsv } from "../../lib/dashboard/dashboard-csv";
import { getDeskAttention } from "../../lib/dashboard/desk-attention";
import { getQueueAge } from "../../lib/dashboard/queue-age";
import { getVerdictMix } from "../../lib/dashboard/verdict-mix";
import { getWeeklyActivity } from "../../lib/dashboard/weekly-activity";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

// A Wednesday: the current week starts on Monday 2026-06-15, the twelve weeks on 2026-03-30,
// the six months on 2026-01-01.
const NOW = new Date("2026-06-17T12:00:00Z");
const article = "00000000-0000-4000-9000-0000000000d1";
const revision = "00000000-0000-4000-a000-0000000000d1";

describe("the desk's dashboard", () => {
  const { handle } = useTestDatabase();
  let a: Awaited<ReturnType<typeof createActors>>;
  const exec = (q: ReturnType<typeof sql>) => handle().db.execute(q);

  /** One claim; times are ISO strings or null. */
  async function claim(c: {
    created: string;
    status?: "draft" | "in_review" | "approved";
    submitted?: string;
    approved?: string;
    verdict?: string;
    due?: boolean;
  }) {
    const status = c.status ?? "draft";
    const rows =
      (await exec(sql`insert into claims (article_id, exact, start_cp, end_cp, anchor_revision_id, statement, verdict, status,
        submitted_at, approved_at, approved_by, approved_version, recheck_due_at, created_by, updated_by, created_at)
      values (${article}, 'Body', 0, 4, ${revision}, 'A claim', ${c.verdict ?? "unverified"}, ${status},
        ${c.submitted ?? null}, ${c.approved ?? null}, ${c.approved ? a.reviewer.id : null}, ${c.approved ? 1 : null},
        ${c.due ? NOW.toISOString() : null}, ${a.editor.id}, ${a.editor.id}, ${c.created})
      returning id`)) as unknown as { id: string }[] | { rows: { id: string }[] };
    return (Array.isArray(rows) ? rows : rows.rows)[0]!.id;
  }

  beforeAll(async () => {
    a = await createActors("dash");
    await exec(
      sql`insert into articles (id, title, slug, created_by) values (${article}, 'Dashboard', 'dashboard', ${a.editor.id})`,
    );
    await exec(sql`insert into article_revisions (id, article_id, number, body, body_hash, normalizer_version, created_by)
      values (${revision}, ${article}, 1, 'Body text', 'h', 1, ${a.editor.id})`);
  });

  it("shows an empty desk as zeros and empty medians", async () => {
    const weeks = await getWeeklyActivity(a.editor, NOW);
    expect(weeks).toHaveLength(12);
    expect(weeks[0]!.week).toBe("2026-03-30");
    expect(weeks[11]!.week).toBe("2026-06-15");
    expect(weeks.every((w) => w.marked === 0 && w.submitted === 0 && w.approved === 0)).toBe(true);
    const times = await getApprovalTimes(a.reviewer, NOW);
    expect(times.every((t) => t.approvals === 0 && t.medianHours === null)).toBe(true);
    expect(await getQueueAge(a.admin, NOW)).toEqual({
      inReview: 0,
      oldestSubmittedAt: null,
      oldestHours: null,
      medianHours: null,
    });
    const mix = await getVerdictMix(a.editor, NOW);
    expect(mix.map((m) => m.month)).toEqual(["2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01", "2026-06-01"]);
    expect(mix.every((m) => m.total === 0)).toBe(true);
    expect(await getDeskAttention(a.editor)).toEqual({ dueForRecheck: 0, brokenSources: 0 });
  });

  it("counts seeded claims per week, per month and in the queue", async () => {
    // Current week: two marked, one submitted and still waiting 48 h, one approved after 10 h.
    await claim({ created: "2026-06-15T09:00:00Z" });
    await claim({ created: "2026-06-15T10:00:00Z", status: "in_review", submitted: "2026-06-15T12:00:00Z" });
    // Marked the week before, approved this week (submitted Sunday 20:00, approved Monday 06:00: 10 h).
    await claim({
      created: "2026-06-08T08:00:00Z",
      status: "approved",
      submitted: "2026-06-14T20:00:00Z",
      approved: "2026-06-15T06:00:00Z",
      verdict: "false",
    });
    // Week of 2026-06-01: two approvals after 2 h and 6 h (median 4 h), one in review for 16 days.
    await claim({
      created: "2026-06-01T08:00:00Z",
      status: "approved",
      submitted: "2026-06-01T09:00:00Z",
      approved: "2026-06-01T11:00:00Z",
      verdict: "verified",
    });
    await claim({
      created: "2026-06-02T08:00:00Z",
      status: "approved",
      submitted: "2026-06-02T09:00:00Z",
      approved: "2026-06-02T15:00:00Z",
      verdict: "verified",
      due: true,
    });
    await claim({ created: "2026-06-01T10:00:00Z", status: "in_review", submitted: "2026-06-01T12:00:00Z" });
    // February: approved "misleading". Outside the twelve weeks, inside the six months.
    await claim({
      created: "2026-02-10T08:00:00Z",
      status: "approved",
      submitted: "2026-02-10T09:00:00Z",
      approved: "2026-02-11T09:00:00Z",
      verdict: "misleading",
    });
    // Too old for any chart, and a claim "from the future" (clock skew) that no chart counts.
    await claim({
      created: "2025-11-03T08:00:00Z",
      status: "approved",
      submitted: "2025-11-03T09:00:00Z",
      approved: "2025-11-04T09:00:00Z",
    });
    await claim({ created: "2026-06-18T08:00:00Z" });

    const weeks = await getWeeklyActivity(a.editor, NOW);
    const week = (w: string) => weeks.find((x) => x.week === w);
    expect(week("2026-06-15")).toEqual({ week: "2026-06-15", marked: 2, submitted: 1, approved: 1 });
    expect(week("2026-06-08")).toEqual({ week: "2026-06-08", marked: 1, submitted: 1, approved: 0 });
    expect(week("2026-06-01")).toEqual({ week: "2026-06-01", marked: 3, submitted: 3, approved: 2 });
    expect(weeks.reduce((n, w) => n + w.marked, 0)).toBe(6);

    const times = await getApprovalTimes(a.reviewer, NOW);
    expect(times.find((t) => t.week === "2026-06-15")).toEqual({ week: "2026-06-15", approvals: 1, medianHours: 10 });
    expect(times.find((t) => t.week === "2026-06-01")).toEqual({ week: "2026-06-01", approvals: 2, medianHours: 4 });
    expect(times.filter((t) => t.approvals > 0)).toHaveLength(2);

    // Waiting: 48 h and 16 days (384 h): median 216 h.
    expect(await getQueueAge(a.admin, NOW)).toEqual({
      inReview: 2,
      oldestSubmittedAt: "2026-06-01T12:00:00Z",
      oldestHours: 384,
      medianHours: 216,
    });

    const mix = await getVerdictMix(a.editor, NOW);
    const june = mix.find((m) => m.month === "2026-06-01")!;
    expect(june.total).toBe(3);
    expect(june.counts).toMatchObject({ verified: 2, false: 1, misleading: 0 });
    expect(mix.find((m) => m.month === "2026-02-01")!.counts.misleading).toBe(1);
    expect(mix.reduce((n, m) => n + m.total, 0)).toBe(4);

    expect((await getDeskAttention(a.editor)).dueForRecheck).toBe(1);
  });

  it("counts a source whose latest check failed as broken", async () => {
    const claimId = await claim({ created: "2026-06-16T08:00:00Z" });
    const rows = (await exec(sql`insert into sources (claim_id, url, title, created_by)
      values (${claimId}, 'https://example.org/a', 'A', ${a.editor.id}), (${claimId}, 'https://example.org/b', 'B', ${a.editor.id})
      returning id, url`)) as unknown as { id: string; url: string }[] | { rows: { id: string; url: string }[] };
    const [s1, s2] = Array.isArray(rows) ? rows : rows.rows;
    await exec(sql`insert into source_snapshots (source_id, url, outcome, http_status, sha256, fetched_at) values
      (${s1!.id}, ${s1!.url}, 'ok', 200, 'x', '2026-06-10T00:00:00Z'),
      (${s1!.id}, ${s1!.url}, 'http_error', 404, null, '2026-06-16T00:00:00Z'),
      (${s2!.id}, ${s2!.url}, 'ok', 200, 'y', '2026-06-16T00:00:00Z')`);
    expect(await getDeskAttention(a.reviewer)).toEqual({ dueForRecheck: 1, brokenSources: 1 });
  });

  it("exports each chart as CSV from the same numbers", async () => {
    const activity = await exportDashboardCsv(a.editor, "activity", NOW);
    const lines = activity.csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("week_starting,marked,submitted,approved");
    expect(lines).toHaveLength(13);
    expect(lines[12]).toBe("2026-06-15,3,1,1");
    expect(activity.filename).toBe("dashboard-activity-2026-06-17.csv");
    expect((await exportDashboardCsv(a.editor, "queue", NOW)).csv).toBe(
      "in_review,oldest_submitted_at,oldest_waiting_hours,median_waiting_hours\r\n2,2026-06-01T12:00:00Z,384,216\r\n",
    );
    expect((await exportDashboardCsv(a.editor, "attention", NOW)).csv).toBe(
      "measure,count\r\ndue_for_recheck,1\r\nbroken_sources,1\r\n",
    );
    const verdicts = (await exportDashboardCsv(a.editor, "verdicts", NOW)).csv.split("\r\n");
    expect(verdicts[0]).toBe("month,unverified,verified,needs_context,misleading,disputed,false,unproven,total");
    expect(verdicts[6]).toBe("2026-06-01,0,2,0,0,0,1,0,3");
    expect((await exportDashboardCsv(a.editor, "approval-time", NOW)).csv).toContain("2026-06-01,2,4\r\n");
    await expect(exportDashboardCsv(a.editor, "nonsense", NOW)).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses a caller who is not signed in", async () => {
    await expect(getWeeklyActivity(null, NOW)).rejects.toMatchObject({ code: "unauthorized" });
    await expect(getApprovalTimes(null, NOW)).rejects.toMatchObject({ code: "unauthorized" });
    await expect(getQueueAge(null, NOW)).rejects.toMatchObject({ code: "unauthorized" });
    await expect(getVerdictMix(null, NOW)).rejects.toMatchObject({ code: "unauthorized" });
    await expect(getDeskAttention(null)).rejects.toMatchObject({ code: "unauthorized" });
    await expect(exportDashboardCsv(null, "activity", NOW)).rejects.toMatchObject({ code: "unauthorized" });
  });
});
