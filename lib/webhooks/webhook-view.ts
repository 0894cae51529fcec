import { z } from "zod";
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENTS, type WebhookDeliveryStatus, type WebhookEvent } from "@/domain/vocabulary";
import type { WebhookAttemptRow, WebhookDeliveryRow, WebhookEndpointRow } from "@/db/schema";
import { viewSchema } from "../api/view-schema";

/** An endpoint as admins and the API see it: never the secret, only its first characters. */
export interface WebhookView {
  id: string;
  name: string;
  url: string;
  events: WebhookEvent[];
  enabled: boolean;
  version: number;
  secretPrefix: string;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookAttemptView {
  id: string;
  at: string;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  ok: boolean;
  manual: boolean;
}

export interface WebhookDeliveryView {
  id: string;
  event: WebhookEvent;
  status: WebhookDeliveryStatus;
  attempts: number;
  createdAt: string;
  lastAttemptAt: string | null;
  succeededAt: string | null;
  /** The JSON body every attempt sends. */
  body: string;
  /** Newest first. */
  attemptLog: WebhookAttemptView[];
}

export function toWebhookView(row: WebhookEndpointRow): WebhookView {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: row.events as WebhookEvent[],
    enabled: row.enabled,
    version: row.version,
    secretPrefix: row.secretPrefix,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toAttemptView(row: WebhookAttemptRow): WebhookAttemptView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    statusCode: row.statusCode,
    durationMs: row.durationMs,
    error: row.error,
    ok: row.ok,
    manual: row.manual,
  };
}

export function toDeliveryView(row: WebhookDeliveryRow, attempts: WebhookAttemptRow[]): WebhookDeliveryView {
  return {
    id: row.id,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.createdAt.toISOString(),
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    succeededAt: row.succeededAt?.toISOString() ?? null,
    body: row.body,
    attemptLog: attempts.map(toAttemptView),
  };
}

export const webhookViewSchema = viewSchema<WebhookView>()(
  z.object({
    id: z.string(),
    name: z.string(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    enabled: z.boolean(),
    version: z.number().int(),
    secretPrefix: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

export const webhookAttemptViewSchema = viewSchema<WebhookAttemptView>()(
  z.object({
    id: z.string(),
    at: z.string(),
    statusCode: z.number().int().nullable(),
    durationMs: z.number().int(),
    error: z.string().nullable(),
    ok: z.boolean(),
    manual: z.boolean(),
  }),
);

export const webhookDeliveryViewSchema = viewSchema<WebhookDeliveryView>()(
  z.object({
    id: z.string(),
    event: z.enum(WEBHOOK_EVENTS),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    attempts: z.number().int(),
    createdAt: z.string(),
    lastAttemptAt: z.string().nullable(),
    succeededAt: z.string().nullable(),
    body: z.string(),
    attemptLog: z.array(webhookAttemptViewSchema),
  }),
);
