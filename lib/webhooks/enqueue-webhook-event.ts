import "server-only";
import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { WebhookEvent } from "@/domain/vocabulary";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { getDb, type Tx } from "@/lib/database";
import { enqueueJobInTransaction, getJobQueue } from "../jobs/job-queue";
import { JOB_NAMES } from "../jobs/job-names";

/**
 * What each event carries in `data` (docs/api.md, Webhooks): ids, versions, public URLs and the
 * verdict; nothing a reader of the public report could not see or an id could not fetch through
 * the API (no reviewer's reason, no internal source, no names of desk staff).
 */
export interface WebhookEventData {
  "claim.approved": ClaimEventData;
  "claim.sent_back": ClaimEventData;
  "report.published": ReportEventData;
  "report.corrected": ReportEventData & { corrections: { claimId: string; from: string; to: string; date: string }[] };
  "report.unpublished": {
    article: { id: string; slug: string };
    report: { url: string; versions: number[]; unpublishedAt: string };
  };
}

export interface ClaimEventData {
  claim: { id: string; articleId: string; version: number; status: string; verdict: string | null };
  review: { id: string; decision: "approve" | "request_changes"; reviewedVersion: number; decidedAt: string };
}

export interface ReportEventData {
  article: { id: string; slug: string };
  report: { version: number; url: string; publishedAt: string; claims: { id: string; verdict: string | null }[] };
}

/**
 * Call before the transaction that may announce an event: on PGlite the job queue cannot be opened
 * from inside a transaction (it needs the one connection the transaction holds). A no-op when no
 * endpoint is enabled, so desks without webhooks never start the queue for this.
 */
export async function prepareWebhookQueue(): Promise<void> {
  const db = await getDb();
  const [any] = await db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.enabled, true))
    .limit(1);
  if (any) await getJobQueue();
}

/**
 * Announces an event inside the transaction of the change that caused it: one delivery row per
 * enabled endpoint subscribed to it, its body frozen now, and one job per delivery. All of it
 * commits or rolls back with the change. Returns the number of deliveries.
 */
export async function enqueueWebhookEvent<E extends WebhookEvent>(
  tx: Tx,
  event: E,
  data: WebhookEventData[E],
  occurredAt = new Date(),
): Promise<number> {
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.enabled, true), sql`${webhookEndpoints.events} @> array[${event}]::text[]`));
  for (const endpoint of endpoints) {
    const id = crypto.randomUUID();
    const body = JSON.stringify({ id, type: event, occurredAt: occurredAt.toISOString(), data });
    await tx.insert(webhookDeliveries).values({ id, endpointId: endpoint.id, event, body, createdAt: occurredAt });
    await enqueueJobInTransaction(tx, JOB_NAMES.webhookDeliver, { deliveryId: id });
  }
  return endpoints.length;
}
