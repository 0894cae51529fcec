import "../support/allow-loopback";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sourceSnapshots } from "../../db/schema";
import { createArticle } from "../../lib/articles/create-article";
import type { Actor } from "../../lib/auth/permissions";
import { createClaim } from "../../lib/claims/create-claim";
import { getClaim } from "../../lib/claims/get-claim";
import { addSource } from "../../lib/claims/add-source";
import { updateSource } from "../../lib/claims/update-source";
import { enqueueJob, getJobQueue, stopJobQueue } from "../../lib/jobs/job-queue";
import { JOB_NAMES } from "../../lib/jobs/job-names";
import { runQueuedJobs } from "../../lib/jobs/run-queued-jobs";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";
import { startLocalServer } from "../support/local-server";

const db = useTestDatabase();
let server: Awaited<ReturnType<typeof startLocalServer>>;
let editor: Actor;
let claimId: string;
let pageText = "The budget was 2.3 per cent of GDP in 2024.";

beforeAll(async () => {
  server = await startLocalServer({
    "/report": (_req, res) =>
      res
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end(
          `<html><head><title>Defence report</title><script>var x = "not text";</script></head><body><p>${pageText}</p></body></html>`,
        ),
    "/missing": (_req, res) => res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>"),
    "/moved": (_req, res) => res.writeHead(302, { location: "http://192.168.1.10/internal" }).end(),
    "/huge": (_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("y".repeat(2 * 1024 * 1024 + 50_000)),
  });
  ({ editor } = await createActors());
  const article = await createArticle(editor, { title: "Sources that rot", body: "Spending was 2.3 per cent of GDP." });
  claimId = (await createClaim(editor, article.id, { exact: "Spending was 2.3 per cent of GDP" })).id;
  await getJobQueue(); // as the app server does: attaching a source now enqueues its check
});

afterAll(async () => {
  await stopJobQueue();
  await server.close();
});

async function attach(path: string) {
  const claim = await getClaim(editor, claimId);
  const { source } = await addSource(editor, claimId, {
    url: server.url(path),
    title: `Source ${path}`,
    claimVersion: claim.version,
  });
  return source!.id;
}

async function healthOf(sourceId: string) {
  const claim = await getClaim(editor, claimId);
  return claim.sources!.find((s) => s.id === sourceId)!.health!;
}

async function snapshots(sourceId: string) {
  return db
    .handle()
    .db.select()
    .from(sourceSnapshots)
    .where(eq(sourceSnapshots.sourceId, sourceId))
    .orderBy(sourceSnapshots.fetchedAt);
}

describe("source checks (job queue + safe-fetch against a local server)", () => {
  it("fetches a source when it is attached and keeps a text snapshot of it", async () => {
    const id = await attach("/report");
    expect((await healthOf(id)).state).toBe("unchecked");
    const run = await runQueuedJobs();
    expect(run).toMatchObject({ completed: 1, failed: 0 });
    const [snap] = await snapshots(id);
    expect(snap).toMatchObject({
      outcome: "ok",
      httpStatus: 200,
      finalUrl: server.url("/report"),
      contentType: "text/html; charset=utf-8",
      title: "Defence report",
      truncated: false,
    });
    expect(snap!.textExtract).toContain("2.3 per cent of GDP in 2024");
    expect(snap!.textExtract).not.toContain("not text");
    expect(snap!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await healthOf(id)).toMatchObject({ state: "ok", httpStatus: 200, citedSnapshotId: snap!.id });
  });

  it("reports a 404 as a broken link", async () => {
    const id = await attach("/missing");
    await runQueuedJobs();
    const [snap] = await snapshots(id);
    expect(snap).toMatchObject({ outcome: "http_error", httpStatus: 404, textExtract: null });
    expect(await healthOf(id)).toMatchObject({ state: "broken", reason: "the page answers HTTP 404" });
  });

  it("refuses a redirect to a private address and says so", async () => {
    const id = await attach("/moved");
    await runQueuedJobs();
    const [snap] = await snapshots(id);
    expect(snap!.outcome).toBe("refused");
    expect(snap!.error).toContain("192.168.1.10");
    const health = await healthOf(id);
    expect(health.state).toBe("broken");
    expect(health.reason).toContain("only public addresses");
  });

  it("cuts an oversized page and keeps what fits", async () => {
    const id = await attach("/huge");
    await runQueuedJobs();
    const [snap] = await snapshots(id);
    expect(snap).toMatchObject({ outcome: "ok", truncated: true, bytes: 2 * 1024 * 1024 });
  });

  it("detects content changed since it was cited, on the scheduled sweep", async () => {
    const id = await attach("/report");
    await runQueuedJobs();
    expect((await healthOf(id)).state).toBe("ok");
    // A week passes (the sweep re-checks sources not checked within SOURCE_RECHECK_DAYS) and the page changes.
    await db.handle().db.execute(sql`update source_snapshots set fetched_at = fetched_at - interval '8 days'`);
    pageText = "The budget was 2.5 per cent of GDP in 2025.";
    await enqueueJob(JOB_NAMES.sourceSweep, {});
    const run = await runQueuedJobs();
    expect(run.failed).toBe(0);
    expect(run.completed).toBeGreaterThanOrEqual(2); // the sweep, then the checks it enqueued
    const health = await healthOf(id);
    expect(health.state).toBe("changed");
    expect(health.latestSnapshotId).not.toBe(health.citedSnapshotId);
    expect((await snapshots(id)).map((s) => s.outcome)).toEqual(["ok", "ok"]);
  });

  it("checks again when the URL is edited, and judges the new URL on its own", async () => {
    const id = await attach("/missing");
    await runQueuedJobs();
    expect((await healthOf(id)).state).toBe("broken");
    const claim = await getClaim(editor, claimId);
    await updateSource(editor, claimId, id, { url: server.url("/report"), claimVersion: claim.version });
    expect((await healthOf(id)).state).toBe("unchecked");
    await runQueuedJobs();
    expect((await healthOf(id)).state).toBe("ok");
  });

  it("runs a repeated enqueue of one source once (one waiting job per source)", async () => {
    const id = await attach("/report");
    expect(await enqueueJob(JOB_NAMES.sourceCheck, { sourceId: id }, { singletonKey: id })).toBeNull();
    const run = await runQueuedJobs();
    expect(run.completed).toBe(1);
    expect(await snapshots(id)).toHaveLength(1);
  });
});
