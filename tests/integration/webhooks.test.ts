import "../support/allow-loopback";
import "../support/auth-secret";
import crypto from "node:crypto";
import type http from "node:http";
import fs from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, webhookAttempts, webhookDeliveries, webhookEndpoints } from "../../db/schema";
import { createArticle } from "../../lib/articles/create-article";
import type { Actor } from "../../lib/auth/permissions";
import { createClaim } from "../../lib/claims/create-claim";
import { addSource } from "../../lib/claims/add-source";
import { updateClaim } from "../../lib/claims/update-claim";
import { AppError } from "../../lib/errors";
import { enqueueJob, getJobQueue, stopJobQueue } from "../../lib/jobs/job-queue";
import { JOB_NAMES } from "../../lib/jobs/job-names";
import { runQueuedJobs } from "../../lib/jobs/run-queued-jobs";
import { publishReport } from "../../lib/reports/publish-report";
import { unpublishReport } from "../../lib/reports/unpublish-report";
import { createApiToken } from "../../lib/tokens/create-token";
import { createWebhook } from "../../lib/webhooks/create-webhook";
import { WEBHOOK_MAX_ATTEMPTS } from "../../lib/webhooks/deliver-webhook";
import { deleteWebhook } from "../../lib/webhooks/delete-webhook";
import { enqueueWebhookEvent } from "../../lib/webhooks/enqueue-webhook-event";
import { getWebhook, listWebhookDeliveries, listWebhooks } from "../../lib/webhooks/list-webhooks";
import { redeliverWebhook } from "../../lib/webhooks/redeliver-webhook";
import { updateWebhook } from "../../lib/webhooks/update-webhook";
import { decryptWebhookSecret } from "../../lib/webhooks/webhook-secret";
import { reviewClaim } from "../../lib/workflow/review-claim";
import { submitClaim } from "../../lib/workflow/submit-claim";
import * as listRoute from "../../app/api/webhooks/route";
import * as oneRoute from "../../app/api/webhooks/[id]/route";
import * as deliveriesRoute from "../../app/api/webhooks/[id]/deliveries/route";
import * as redeliverRoute from "../../app/api/webhooks/[id]/deliveries/[deliveryId]/redeliver/route";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";
import { startLocalServer } from "../support/local-server";

const db = useTestDatabase();
const SAMPLE = fs.readFileSync(new URL("../../lib/demo/nato-defence-spending.txt", import.meta.url), "utf8");
const DELIVER = JOB_NAMES.webhookDeliver;

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
const received: Received[] = [];
/** Status codes the receiver answers next, in order; 200 once they run out. */
const answers: number[] = [];
let receiver: Awaited<ReturnType<typeof startLocalServer>>;
let actors: Awaited<ReturnType<typeof createActors>>;

const collect: (req: http.IncomingMessage, res: http.ServerResponse) => void = (req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
    const status = answers.shift() ?? 200;
    res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "thanks" : "no");
  });
};

beforeAll(async () => {
  actors = await createActors("hook");
  await getJobQueue();
  receiver = await startLocalServer({
    "/hook": collect,
    "/other": collect,
    "/moved": (_req, res) => res.writeHead(302, { location: "/hook" }).end(),
  });
});
afterAll(async () => {
  await receiver?.close();
  await stopJobQueue();
});

/** The recipe of docs/api.md, written out here rather than imported: what a receiver runs. */
function verifySignature(secret: string, headers: http.IncomingHttpHeaders, body: string): boolean {
  const timestamp = String(headers["webhook-timestamp"]);
  const expected = "v1=" + crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  const given = String(headers["webhook-signature"]);
  return given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/** Time passes for the queue: waiting retries become due (a second ago: PGlite's clock ticks in milliseconds). */
async function makeRetriesDue() {
  await db
    .handle()
    .db.execute(sql`update pgboss.job set start_after = now() - interval '1 second' where name = ${DELIVER} and state = 'retry'`);
}

async function deliveriesOf(endpointId: string) {
  return db.handle().db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
}

async function attemptsOf(deliveryId: string) {
  return db
    .handle()
    .db.select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, deliveryId))
    .orderBy(webhookAttempts.at);
}

let articleCount = 0;
/** An article with one claim ready for review (verdict, note, source), submitted. */
async function claimInReview(editor: Actor, verdict: "verified" | "false" = "verified") {
  const a = await createArticle(editor, { title: `Webhook sample ${++articleCount}`, body: SAMPLE });
  let c = await createClaim(editor, a.id, { exact: "In the United Kingdom, we are at 2.3 per cent", claimant: "David Lammy" });
  c = await updateClaim(editor, c.id, {
    version: c.version,
    verdict,
    rationale: "Checked against NATO's figures",
    claimDate: "2024-12-04",
  });
  c = (
    await addSource(editor, c.id, {
      claimVersion: c.version,
      url: "https://www.nato.int/report",
      title: "NATO figures",
      kind: "primary",
    })
  ).claim;
  c = (
    await addSource(editor, c.id, {
      claimVersion: c.version,
      url: "https://intranet.example/tip",
      title: "SECRET-INTERNAL-NOTE",
      internal: true,
    })
  ).claim;
  const submitted = await submitClaim(editor, c.id, { version: c.version });
  return { article: a, claim: submitted };
}

async function endpoint(events: string[], path = "/hook", name = "CMS") {
  return createWebhook(actors.admin, { name, url: receiver.url(path), events });
}

describe("webhook endpoints", () => {
  it("an admin registers one: the secret is shown once, stored encrypted, never listed; audited", async () => {
    const { webhook, secret } = await endpoint(["claim.approved", "report.published"]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(webhook).toMatchObject({ name: "CMS", enabled: true, version: 1, events: ["claim.approved", "report.published"] });
    const [row] = await db.handle().db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, webhook.id));
    expect(row!.secretEncrypted).not.toContain(secret.slice(6));
    expect(decryptWebhookSecret(row!.secretEncrypted)).toBe(secret);
    expect(JSON.stringify(await listWebhooks(actors.admin))).not.toContain(secret.slice(6));
    expect(JSON.stringify(await getWebhook(actors.admin, webhook.id))).not.toContain(secret.slice(6));
    const audit = await db.handle().db.select().from(auditEvents).where(eq(auditEvents.targetId, webhook.id));
    expect(audit.map((r) => r.action)).toEqual(["webhook.create"]);
    expect(JSON.stringify(audit)).not.toContain(secret.slice(6));
    await deleteWebhook(actors.admin, webhook.id);
  });

  it("refuses bad input field by field and changes nothing", async () => {
    const before = (await listWebhooks(actors.admin)).length;
    const err = await createWebhook(actors.admin, { name: "", url: "ftp://example.com/x", events: ["claim.deleted"] }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).fields).toMatchObject({
      name: expect.any(String),
      url: expect.any(String),
      "events.0": expect.any(String),
    });
    for (const url of ["http://10.0.0.7/hook", "http://169.254.169.254/latest", "https://user:pw@example.com/x"]) {
      const e = await createWebhook(actors.admin, { name: "x", url, events: ["claim.approved"] }).catch((x) => x);
      expect((e as AppError).fields).toMatchObject({ url: expect.any(String) });
    }
    await expect(createWebhook(actors.admin, { name: "x", url: "https://example.com", events: [] })).rejects.toMatchObject({
      code: "validation_failed",
    });
    expect((await listWebhooks(actors.admin)).length).toBe(before);
  });

  it("updates at the version the admin saw (a stale one is a 409), disables, deletes; each change audited", async () => {
    const { webhook } = await endpoint(["claim.approved"]);
    const renamed = await updateWebhook(actors.admin, webhook.id, { version: 1, name: "Renamed", events: ["claim.sent_back"] });
    expect(renamed).toMatchObject({ version: 2, name: "Renamed", events: ["claim.sent_back"] });
    await expect(updateWebhook(actors.admin, webhook.id, { version: 1, enabled: false })).rejects.toMatchObject({
      code: "conflict",
    });
    const disabled = await updateWebhook(actors.admin, webhook.id, { version: 2, enabled: false });
    expect(disabled.enabled).toBe(false);
    await deleteWebhook(actors.admin, webhook.id);
    await expect(getWebhook(actors.admin, webhook.id)).rejects.toMatchObject({ code: "not_found" });
    const audit = await db
      .handle()
      .db.select()
      .from(auditEvents)
      .where(eq(auditEvents.targetId, webhook.id))
      .orderBy(auditEvents.at);
    expect(audit.map((r) => r.action)).toEqual(["webhook.create", "webhook.update", "webhook.update", "webhook.delete"]);
    expect(audit[1]).toMatchObject({
      before: { name: "CMS", events: ["claim.approved"] },
      after: { name: "Renamed", events: ["claim.sent_back"] },
    });
  });
});

describe("webhook deliveries", () => {
  it("an approval is delivered signed; a 500 then a 200 is two attempts and a success; a repeated job sends nothing", async () => {
    const { webhook, secret } = await endpoint(["claim.approved", "report.published"]);
    const { claim } = await claimInReview(actors.editor);
    received.length = 0;
    answers.push(500);
    const decided = await reviewClaim(actors.reviewer, claim.id, { version: claim.version, decision: "approve" });

    // Enqueued with the approval: the delivery row and its body exist before any job runs.
    const [delivery] = await deliveriesOf(webhook.id);
    expect(delivery).toMatchObject({ event: "claim.approved", status: "pending", attempts: 0 });
    const payload = JSON.parse(delivery!.body);
    expect(payload).toMatchObject({
      id: delivery!.id,
      type: "claim.approved",
      data: {
        claim: {
          id: claim.id,
          articleId: claim.articleId,
          version: decided.claim.version,
          status: "approved",
          verdict: "verified",
        },
        review: { id: decided.review.id, decision: "approve", reviewedVersion: claim.version },
      },
    });
    for (const secretish of [actors.reviewer.email, actors.reviewer.name, "SECRET-INTERNAL-NOTE", "intranet.example"]) {
      expect(delivery!.body).not.toContain(secretish);
    }

    expect(await runQueuedJobs({ only: [DELIVER] })).toMatchObject({ completed: 0, failed: 1 });
    expect(received).toHaveLength(1);
    const first = received[0]!;
    expect(first.headers["content-type"]).toBe("application/json");
    expect(first.headers["webhook-id"]).toBe(delivery!.id);
    expect(first.body).toBe(delivery!.body);
    expect(verifySignature(secret, first.headers, first.body)).toBe(true);
    expect(verifySignature("whsec_not-the-secret", first.headers, first.body)).toBe(false);
    expect(Math.abs(Number(first.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(60);
    expect((await deliveriesOf(webhook.id))[0]).toMatchObject({ status: "pending", attempts: 1 });

    // Not due yet; then the retry is due and succeeds.
    expect(await runQueuedJobs({ only: [DELIVER] })).toMatchObject({ completed: 0, failed: 0 });
    await makeRetriesDue();
    expect(await runQueuedJobs({ only: [DELIVER] })).toMatchObject({ completed: 1, failed: 0 });
    expect(received).toHaveLength(2);
    expect(received[1]!.headers["webhook-id"]).toBe(delivery!.id);
    expect(received[1]!.body).toBe(delivery!.body);
    expect(verifySignature(secret, received[1]!.headers, received[1]!.body)).toBe(true);
    const attempts = await attemptsOf(delivery!.id);
    expect(attempts.map((a) => [a.statusCode, a.ok, a.manual])).toEqual([
      [500, false, false],
      [200, true, false],
    ]);
    expect(attempts[0]!.error).toBe("HTTP 500");
    expect(attempts.every((a) => a.durationMs >= 0)).toBe(true);
    expect((await deliveriesOf(webhook.id))[0]).toMatchObject({
      status: "succeeded",
      attempts: 2,
      succeededAt: expect.any(Date),
    });

    // A job for a delivery that already succeeded (a retried or duplicated job) sends nothing.
    await enqueueJob(DELIVER, { deliveryId: delivery!.id });
    expect(await runQueuedJobs({ only: [DELIVER] })).toMatchObject({ completed: 1, failed: 0 });
    expect(received).toHaveLength(2);
    expect(await attemptsOf(delivery!.id)).toHaveLength(2);

    // The log, as the admin page and the API show it.
    const log = await listWebhookDeliveries(actors.admin, webhook.id, {});
    expect(log).toMatchObject({ page: 1, pages: 1, total: 1 });
    expect(log.deliveries[0]!.attemptLog.map((a) => a.statusCode)).toEqual([200, 500]);
    await deleteWebhook(actors.admin, webhook.id);
  });

  it("only subscribed, enabled endpoints get an event; a change that rolls back announces nothing", async () => {
    const approvals = await endpoint(["claim.approved"], "/hook", "approvals");
    const sendBacks = await endpoint(["claim.sent_back"], "/other", "send-backs");
    const off = await endpoint(["claim.approved", "claim.sent_back"], "/hook", "off");
    await updateWebhook(actors.admin, off.webhook.id, { version: 1, enabled: false });
    const { claim } = await claimInReview(actors.editor);
    received.length = 0;

    // A stale version: 409, nothing recorded, nothing to deliver.
    await expect(
      reviewClaim(actors.reviewer, claim.id, { version: claim.version - 1, decision: "approve" }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
    for (const e of [approvals, sendBacks, off]) expect(await deliveriesOf(e.webhook.id)).toHaveLength(0);

    await reviewClaim(actors.reviewer, claim.id, { version: claim.version, decision: "request_changes", reason: "Which year?" });
    expect(await deliveriesOf(approvals.webhook.id)).toHaveLength(0);
    expect(await deliveriesOf(off.webhook.id)).toHaveLength(0);
    const [sentBack] = await deliveriesOf(sendBacks.webhook.id);
    expect(sentBack!.event).toBe("claim.sent_back");
    expect(sentBack!.body).not.toContain("Which year?"); // the reviewer's reason stays on the desk
    expect(await runQueuedJobs({ only: [DELIVER] })).toMatchObject({ completed: 1, failed: 0 });
    expect(received.map((r) => [r.path, JSON.parse(r.body).type])).toEqual([["/other", "claim.sent_back"]]);
    expect(verifySignature(sendBacks.secret, received[0]!.headers, received[0]!.body)).toBe(true);
    for (const e of [approvals, sendBacks, off]) await deleteWebhook(actors.admin, e.webhook.id);
  });

  it("the delivery row and its job are written by the transaction of the change: a rollback leaves neither", async () => {
    const { webhook } = await endpoint(["report.unpublished"]);
    const jobs = async () => {
      const result = await db.handle().db.execute(sql`select count(*)::int as n from pgboss.job where name = ${DELIVER}`);
      // PGlite answers { rows }, postgres.js the rows themselves.
      return ((result as unknown as { rows?: { n: number }[] }).rows ?? (result as unknown as { n: number }[]))[0]!.n;
    };
    const before = await jobs();
    const data = {
      article: { id: crypto.randomUUID(), slug: "x" },
      report: { url: "https://desk.example/reports/x", versions: [1], unpublishedAt: new Date().toISOString() },
    };
    const refusal = new Error("the change failed after announcing it");
    await expect(
      db.handle().db.transaction(async (tx) => {
        expect(await enqueueWebhookEvent(tx, "report.unpublished", data)).toBe(1);
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(await deliveriesOf(webhook.id)).toHaveLength(0);
    expect(await jobs()).toBe(before);
    // The same, committed: one delivery and one job more.
    await db.handle().db.transaction((tx) => enqueueWebhookEvent(tx, "report.unpublished", data));
    expect(await deliveriesOf(webhook.id)).toHaveLength(1);
    expect(await jobs()).toBe(before + 1);
    await deleteWebhook(actors.admin, webhook.id);
    expect(await runQueuedJobs({ only: [DELIVER] })).toMatchObject({ completed: 1, failed: 0 }); // finds nothing to send
  });

  it("an admin redelivers: the same body and id again, a manual attempt, audited", async () => {
    const { webhook, secret } = await endpoint(["claim.approved"]);
    const { claim } = await claimInReview(actors.editor);
    await reviewClaim(actors.reviewer, claim.id, { version: claim.version, decision: "approve" });
    received.length = 0;
    await runQueuedJobs({ only: [DELIVER] });
    const [delivery] = await deliveriesOf(webhook.id);
    expect(delivery!.status).toBe("succeeded");

    const result = await redeliverWebhook(actors.admin, webhook.id, delivery!.id);
    expect(result).toMatchObject({ status: "succeeded", attempt: { ok: true, statusCode: 200, manual: true } });
    expect(received).toHaveLength(2);
    expect(received[1]!.body).toBe(received[0]!.body);
    expect(received[1]!.headers["webhook-id"]).toBe(delivery!.id);
    expect(verifySignature(secret, received[1]!.headers, received[1]!.body)).toBe(true);
    expect((await attemptsOf(delivery!.id)).map((a) => a.manual)).toEqual([false, true]);
    const [audit] = await db
      .handle()
      .db.select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "webhook.redeliver"), eq(auditEvents.targetId, webhook.id)));
    expect(audit).toMatchObject({ actorId: actors.admin.id, meta: { deliveryId: delivery!.id, ok: true, statusCode: 200 } });

    // A failing redelivery is logged too, and leaves the delivery as it was.
    answers.push(503);
    expect(await redeliverWebhook(actors.admin, webhook.id, delivery!.id)).toMatchObject({
      status: "succeeded",
      attempt: { ok: false, statusCode: 503 },
    });
    // Another endpoint's delivery id is not found through this endpoint.
    const other = await endpoint(["claim.approved"]);
    await expect(redeliverWebhook(actors.admin, other.webhook.id, delivery!.id)).rejects.toMatchObject({ code: "not_found" });
    for (const e of [webhook, other.webhook]) await deleteWebhook(actors.admin, e.id);
  });

  it(`gives up after ${WEBHOOK_MAX_ATTEMPTS} attempts and marks the delivery failed; a redirect is not followed`, async () => {
    const { webhook } = await endpoint(["claim.approved"], "/moved");
    const { claim } = await claimInReview(actors.editor);
    await reviewClaim(actors.reviewer, claim.id, { version: claim.version, decision: "approve" });
    received.length = 0;
    for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt++) {
      const summary = await runQueuedJobs({ only: [DELIVER] });
      // Every attempt but the last fails the job (so the queue retries it); the last one ends it.
      expect([attempt, summary]).toMatchObject([attempt, attempt < WEBHOOK_MAX_ATTEMPTS ? { failed: 1 } : { completed: 1 }]);
      await makeRetriesDue();
    }
    expect(received).toHaveLength(0); // the 302 to /hook was never followed
    const [delivery] = await deliveriesOf(webhook.id);
    expect(delivery).toMatchObject({ status: "failed", attempts: WEBHOOK_MAX_ATTEMPTS });
    const attempts = await attemptsOf(delivery!.id);
    expect(attempts.every((a) => a.statusCode === 302 && !a.ok && /redirects are not followed/.test(a.error!))).toBe(true);
    expect(await runQueuedJobs({ only: [DELIVER] })).toMatchObject({ completed: 0, failed: 0 });
    await deleteWebhook(actors.admin, webhook.id);
  });

  it("publishing, correcting and unpublishing a report are announced with its URL, version and verdicts", async () => {
    const { webhook } = await endpoint(["report.published", "report.corrected", "report.unpublished"]);
    const { article, claim } = await claimInReview(actors.editor);
    const approved = (await reviewClaim(actors.reviewer, claim.id, { version: claim.version, decision: "approve" })).claim;
    const v1 = await publishReport(actors.editor, article.id, { version: 0 });
    const edited = await updateClaim(actors.editor2, claim.id, { version: approved.version, verdict: "misleading" });
    await reviewClaim(actors.reviewer, claim.id, { version: edited.version, decision: "approve" });
    const v2 = await publishReport(actors.editor, article.id, { version: 1 });
    await unpublishReport(actors.editor, article.id);

    const bodies = (await deliveriesOf(webhook.id))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((d) => JSON.parse(d.body));
    expect(bodies.map((b) => b.type)).toEqual(["report.published", "report.corrected", "report.unpublished"]);
    expect(bodies[0].data).toMatchObject({
      article: { id: article.id, slug: article.slug },
      report: { version: 1, url: v1.url, claims: [{ id: claim.id, verdict: "verified" }] },
    });
    expect(bodies[1].data).toMatchObject({
      report: { version: 2, url: v2.url, claims: [{ id: claim.id, verdict: "misleading" }] },
      corrections: [{ claimId: claim.id, from: "verified", to: "misleading" }],
    });
    expect(bodies[2].data).toMatchObject({ article: { id: article.id }, report: { url: v1.url, versions: [1, 2] } });
    for (const b of bodies) expect(JSON.stringify(b)).not.toContain("SECRET-INTERNAL-NOTE");

    received.length = 0;
    expect(await runQueuedJobs({ only: [DELIVER] })).toMatchObject({ completed: 3, failed: 0 });
    expect(received.map((r) => JSON.parse(r.body).type).sort()).toEqual([
      "report.corrected",
      "report.published",
      "report.unpublished",
    ]);
    await deleteWebhook(actors.admin, webhook.id);
  });
});

describe("only admins manage webhooks", () => {
  it("refuses editors and reviewers every webhook use case (403), and audits the refusal", async () => {
    const { webhook } = await endpoint(["claim.approved"]);
    const id = webhook.id;
    const delivery = "00000000-0000-4000-8000-000000000001";
    for (const who of [actors.editor, actors.reviewer] as Actor[]) {
      const calls: (() => Promise<unknown>)[] = [
        () => listWebhooks(who),
        () => getWebhook(who, id),
        () => createWebhook(who, { name: "x", url: "https://example.com/h", events: ["claim.approved"] }),
        () => updateWebhook(who, id, { version: 1, enabled: false }),
        () => deleteWebhook(who, id),
        () => listWebhookDeliveries(who, id, {}),
        () => redeliverWebhook(who, id, delivery),
      ];
      for (const call of calls) await expect(call()).rejects.toMatchObject({ code: "forbidden" });
    }
    for (const call of [() => listWebhooks(null), () => createWebhook(null, {}), () => deleteWebhook(null, id)]) {
      await expect(call()).rejects.toMatchObject({ code: "unauthorized" });
    }
    expect((await getWebhook(actors.admin, id)).enabled).toBe(true); // nothing changed
    const denied = await db
      .handle()
      .db.select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "access.denied"), eq(auditEvents.targetType, "webhook")));
    expect(denied.length).toBeGreaterThanOrEqual(14);
    await deleteWebhook(actors.admin, id);
  });

  it("answers 403 on every webhook route to a token without the admin scope, 200 to an admin token", async () => {
    const { webhook } = await endpoint(["claim.approved"]);
    const id = webhook.id;
    const deliveryId = "00000000-0000-4000-8000-000000000001";
    const tokens = {
      editor: (await createApiToken(actors.editor, { name: "e", scopes: ["read", "write"] })).secret,
      reviewer: (await createApiToken(actors.reviewer, { name: "r", scopes: ["read", "review"] })).secret,
      adminWithoutScope: (await createApiToken(actors.admin, { name: "a", scopes: ["read", "write", "review"] })).secret,
      admin: (await createApiToken(actors.admin, { name: "A", scopes: ["admin"] })).secret,
    };
    const call = async (
      handler: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>,
      token: string,
      path: string,
      method = "GET",
      body?: unknown,
      params: Record<string, string> = {},
    ) => {
      const req = new Request(`http://localhost${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return handler(req, { params: Promise.resolve(params) });
    };
    const routes = (token: string) => [
      call(listRoute.GET as never, token, "/api/webhooks"),
      call(listRoute.POST as never, token, "/api/webhooks", "POST", {
        name: "x",
        url: "https://example.com/h",
        events: ["claim.approved"],
      }),
      call(oneRoute.GET as never, token, `/api/webhooks/${id}`, "GET", undefined, { id }),
      call(oneRoute.PATCH as never, token, `/api/webhooks/${id}`, "PATCH", { version: 1, enabled: false }, { id }),
      call(oneRoute.DELETE as never, token, `/api/webhooks/${id}`, "DELETE", undefined, { id }),
      call(deliveriesRoute.GET as never, token, `/api/webhooks/${id}/deliveries`, "GET", undefined, { id }),
      call(redeliverRoute.POST as never, token, `/api/webhooks/${id}/deliveries/${deliveryId}/redeliver`, "POST", undefined, {
        id,
        deliveryId,
      }),
    ];
    for (const token of [tokens.editor, tokens.reviewer, tokens.adminWithoutScope]) {
      for (const res of await Promise.all(routes(token))) {
        expect(res.status).toBe(403);
        expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
      }
    }
    expect((await getWebhook(actors.admin, id)).version).toBe(1);
    const list = await call(listRoute.GET as never, tokens.admin, "/api/webhooks");
    expect(list.status).toBe(200);
    expect((await list.json()).webhooks.map((w: { id: string }) => w.id)).toContain(id);
    const log = await call(
      deliveriesRoute.GET as never,
      tokens.admin,
      `/api/webhooks/${id}/deliveries?page=1`,
      "GET",
      undefined,
      { id },
    );
    expect(log.status).toBe(200);
    expect(await log.json()).toMatchObject({ deliveries: [], page: 1, total: 0 });
    const created = await call(listRoute.POST as never, tokens.admin, "/api/webhooks", "POST", {
      name: "API",
      url: "https://example.com/h",
      events: ["report.published"],
    });
    expect(created.status).toBe(201);
    const { webhook: made, secret } = await created.json();
    expect(secret).toMatch(/^whsec_/);
    const removed = await call(oneRoute.DELETE as never, tokens.admin, `/api/webhooks/${made.id}`, "DELETE", undefined, {
      id: made.id,
    });
    expect(removed.status).toBe(200);
    await deleteWebhook(actors.admin, id);
  });
});
