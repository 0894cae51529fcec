import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENTS } from "../../domain/vocabulary";
import { inList } from "./in-list";
import { users } from "./users";

/**
 * Where the desk announces approvals and publications (lib/webhooks/). The signing secret must be
 * readable to sign each delivery, so it cannot be hashed like an API token: it is stored encrypted
 * (AES-256-GCM, key derived from AUTH_SECRET: lib/webhooks/webhook-secret.ts), shown once.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    url: text("url").notNull(),
    events: text("events").array().notNull(),
    /** `v1.<iv>.<tag>.<ciphertext>` (base64url): see lib/webhooks/webhook-secret.ts. */
    secretEncrypted: text("secret_encrypted").notNull(),
    /** The first characters of the secret, to recognise it. */
    secretPrefix: text("secret_prefix").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      "webhook_endpoints_events_check",
      sql`${t.events} <@ array[${inList(WEBHOOK_EVENTS)}]::text[] and cardinality(${t.events}) > 0`,
    ),
    check("webhook_endpoints_url_check", sql`${t.url} ~ '^https?://'`),
  ],
);

/**
 * One event for one endpoint. The body is frozen when the event happens (the exact bytes every
 * attempt sends and signs), so a retry or a redelivery sends what the receiver would have got then.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    event: text("event", { enum: WEBHOOK_EVENTS }).notNull(),
    body: text("body").notNull(),
    status: text("status", { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    succeededAt: timestamp("succeeded_at", { withTimezone: true }),
  },
  (t) => [
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt.desc(), t.id.desc()),
    check("webhook_deliveries_event_check", sql`${t.event} in (${inList(WEBHOOK_EVENTS)})`),
    check("webhook_deliveries_status_check", sql`${t.status} in (${inList(WEBHOOK_DELIVERY_STATUSES)})`),
  ],
);

/** Every attempt at a delivery, automatic or by hand: what the receiver answered and how fast. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** The HTTP status, null when no answer came (refused address, timeout, network error). */
    statusCode: integer("status_code"),
    durationMs: integer("duration_ms").notNull(),
    error: text("error"),
    ok: boolean("ok").notNull(),
    /** Started by an admin's redelivery rather than the queue. */
    manual: boolean("manual").notNull().default(false),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.at)],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect;
