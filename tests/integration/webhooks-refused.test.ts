// No allow-loopback here: this file runs with the outbound rules as production has them.
import "../support/auth-secret";
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookAttempts, webhookDeliveries } from "../../db/schema";
import { createArticle } from "../../lib/articles/create-article";
import { createClaim } from "../../lib/claims/create-claim";
import { addSource } from "../../lib/claims/add-source";
import { updateClaim } from "../../lib/claims/update-claim";
import { env } from "../../lib/env";
import { getJobQueue, stopJobQueue } from "../../lib/jobs/job-queue";
import { JOB_NAMES } from "../../lib/jobs/job-names";
import { runQueuedJobs } from "../../lib/jobs/run-queued-jobs";
import { createWebhook } from "../../lib/webhooks/create-webhook";
import { redeliverWebhook } from "../../lib/webhooks/redeliver-webhook";
import { reviewClaim } from "../../lib/workflow/review-claim";
import { submitClaim } from "../../lib/workflow/submit-claim";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";
import { startLocalServer } from "../support/local-server";

const db = useTestDatabase();
const SAMPLE = fs.readFileSync(new URL("../../lib/demo/nato-defence-spending.txt", import.meta.url), "utf8");
let receiver: Awaited<ReturnType<typeof startLocalServer>>;

beforeAll(async () => {
  await getJobQueue();
  receiver = await startLocalServer({ "/hook": (_req, res) => res.writeHead(200).end("ok") });
});
afterAll(async () => {
  await receiver?.close();
  await stopJobQueue();
});

describe("webhooks and the outbound address rules", () => {
  it("runs without the test-only loopback setting", () => {
    expect(env.OUTBOUND_ALLOW_LOOPBACK).toBe("0");
  });

  it("refuses a private or loopback IP as an endpoint address when it is registered", async () => {
    const { admin } = await createActors("refused-reg");
    for (const url of [receiver.url("/hook"), "http://192.168.1.20/hook", "http://[::1]:8080/hook", "http://[fd00:ec2::254]/"]) {
      const err = await createWebhook(admin, { name: "x", url, events: ["claim.approved"] }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "validation_failed", fields: { url: expect.stringMatching(/public addresses only/) } });
    }
  });

  it("refuses at delivery time a host name that resolves to a non-public address: nothing is sent, the delivery fails at once", async () => {
    const { editor, reviewer, admin } = await createActors("refused");
    // A name, so registration cannot judge it: `localhost` resolves to 127.0.0.1 / ::1.
    const { webhook } = await createWebhook(admin, {
      name: "Sneaky",
      url: `http://localhost:${receiver.port}/hook`,
      events: ["claim.approved"],
    });
    const a = await createArticle(editor, { title: "Refused sample", body: SAMPLE });
    let c = await createClaim(editor, a.id, { exact: "In the United Kingdom, we are at 2.3 per cent", claimant: "David Lammy" });
    c = await updateClaim(editor, c.id, {
      version: c.version,
      verdict: "verified",
      rationale: "Checked",
      claimDate: "2024-12-04",
    });
    c = (await addSource(editor, c.id, { claimVersion: c.version, url: "https://www.nato.int/report", title: "NATO figures" }))
      .claim;
    c = await submitClaim(editor, c.id, { version: c.version });
    await reviewClaim(reviewer, c.id, { version: c.version, decision: "approve" });

    // Refused addresses are not retried: the job ends, the delivery is failed after one attempt.
    expect(await runQueuedJobs({ only: [JOB_NAMES.webhookDeliver] })).toMatchObject({ completed: 1, failed: 0 });
    expect(receiver.hits).toEqual([]);
    const [delivery] = await db.handle().db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, webhook.id));
    expect(delivery).toMatchObject({ status: "failed", attempts: 1 });
    const attempts = await db.handle().db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, delivery!.id));
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ ok: false, statusCode: null });
    expect(attempts[0]!.error).toMatch(/loopback.*only public addresses/);

    // A redelivery by hand is refused the same way.
    const again = await redeliverWebhook(admin, webhook.id, delivery!.id);
    expect(again).toMatchObject({ status: "failed", attempt: { ok: false, statusCode: null } });
    expect(receiver.hits).toEqual([]);
  });
});
