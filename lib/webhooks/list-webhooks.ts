import "server-only";
import { count, desc, eq, inArray } from "drizzle-orm";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { getDb } from "@/lib/database";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { notFound, parseInput } from "../errors";
import { isUuid } from "../validation";
import { DELIVERIES_PER_PAGE, deliveryPageSchema } from "./schemas";
import { z } from "zod";
import { viewSchema } from "../api/view-schema";
import {
  toDeliveryView,
  toWebhookView,
  webhookDeliveryViewSchema,
  type WebhookDeliveryView,
  type WebhookView,
} from "./webhook-view";

/** Every endpoint, newest first (admins only). */
export async function listWebhooks(actor: Actor | null): Promise<WebhookView[]> {
  await authorize(actor, "webhooks:manage", { type: "webhook" });
  const db = await getDb();
  const rows = await db.select().from(webhookEndpoints).orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
  return rows.map(toWebhookView);
}

export async function getWebhook(actor: Actor | null, webhookId: string): Promise<WebhookView> {
  await authorize(actor, "webhooks:manage", { type: "webhook", id: webhookId });
  if (!isUuid(webhookId)) throw notFound("That webhook endpoint");
  const db = await getDb();
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, webhookId));
  if (!row) throw notFound("That webhook endpoint");
  return toWebhookView(row);
}

export interface DeliveryPage {
  deliveries: WebhookDeliveryView[];
  page: number;
  pages: number;
  total: number;
}

export const deliveryPageViewSchema = viewSchema<DeliveryPage>()(
  z.object({
    deliveries: z.array(webhookDeliveryViewSchema),
    page: z.number().int(),
    pages: z.number().int(),
    total: z.number().int(),
  }),
);

/** An endpoint's delivery log, newest first, with every attempt of each delivery (newest first). */
export async function listWebhookDeliveries(actor: Actor | null, webhookId: string, input: unknown = {}): Promise<DeliveryPage> {
  await authorize(actor, "webhooks:manage", { type: "webhook", id: webhookId });
  const { page } = parseInput(deliveryPageSchema, input);
  if (!isUuid(webhookId)) throw notFound("That webhook endpoint");
  const db = await getDb();
  const [endpoint] = await db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, webhookId));
  if (!endpoint) throw notFound("That webhook endpoint");
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, webhookId));
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, webhookId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(DELIVERIES_PER_PAGE)
    .offset((page - 1) * DELIVERIES_PER_PAGE);
  const attempts = rows.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(desc(webhookAttempts.at), desc(webhookAttempts.id))
    : [];
  return {
    deliveries: rows.map((r) =>
      toDeliveryView(
        r,
        attempts.filter((a) => a.deliveryId === r.id),
      ),
    ),
    page,
    pages: Math.max(1, Math.ceil(total / DELIVERIES_PER_PAGE)),
    total,
  };
}
