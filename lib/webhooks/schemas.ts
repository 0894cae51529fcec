import { z } from "zod";
import { WEBHOOK_EVENTS } from "@/domain/vocabulary";
import { checkAddress, ipFamily } from "../net/address-policy";
import { env } from "../env";
import { httpUrl, requiredText, versionField } from "../validation";
import { WEBHOOK_NAME_MAX } from "./limits";

/**
 * An endpoint's address: http(s), no user name or password, and not an address the outbound policy
 * refuses when it is written as an IP. Host names are checked at every delivery (DNS may change),
 * by lib/net/safe-fetch.ts.
 */
const endpointUrl = httpUrl("URL").superRefine((href, ctx) => {
  const url = new URL(href);
  if (url.username || url.password) {
    ctx.addIssue({ code: "custom", message: "The URL may not carry a user name or password." });
    return;
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (ipFamily(host)) {
    const verdict = checkAddress(host, { allowLoopback: env.OUTBOUND_ALLOW_LOOPBACK === "1" });
    if (!verdict.allowed)
      ctx.addIssue({ code: "custom", message: `Webhooks go to public addresses only, not ${verdict.reason} ones.` });
  }
});

const events = z
  .array(z.enum(WEBHOOK_EVENTS, { message: `Events are ${WEBHOOK_EVENTS.join(", ")}.` }), { message: "Choose the events." })
  .min(1, "Choose at least one event.")
  .max(WEBHOOK_EVENTS.length)
  .transform((list) => WEBHOOK_EVENTS.filter((e) => list.includes(e)));

export const createWebhookSchema = z.strictObject({
  name: requiredText("Name", WEBHOOK_NAME_MAX),
  url: endpointUrl,
  events,
  enabled: z.boolean({ message: "enabled is true or false." }).default(true),
});

export const updateWebhookSchema = z.strictObject({
  version: versionField,
  name: requiredText("Name", WEBHOOK_NAME_MAX).optional(),
  url: endpointUrl.optional(),
  events: events.optional(),
  enabled: z.boolean({ message: "enabled is true or false." }).optional(),
});

export const deliveryPageSchema = z.strictObject({
  page: z.coerce.number({ message: "page is a number." }).int().min(1, "Pages start at 1.").max(10_000).default(1),
});

export const DELIVERIES_PER_PAGE = 20;
