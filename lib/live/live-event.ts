import { z } from "zod";

/**
 * What an instance hears (claim and article changes read from the audit log by audit-outbox.ts;
 * user and presence notices on the `desk_live` channel, migrations 0023/0026/0027) and what an
 * article's stream passes on: ids, versions and the audit action that caused it, never content.
 * A browser that receives one fetches what its user may see (docs/live-updates.md).
 */
export const LIVE_CHANNEL = "desk_live";

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

const claimChange = z.object({
  type: z.literal("claim"),
  action: z.string().max(100),
  articleId: uuid,
  claimId: uuid,
  /** Null when the claim was deleted. */
  claimVersion: z.number().int().nullable(),
  actorId: uuid.nullable(),
});

const articleChange = z.object({
  type: z.literal("article"),
  action: z.string().max(100),
  articleId: uuid,
  articleVersion: z.number().int(),
  revision: z.number().int().nullable(),
  actorId: uuid.nullable(),
});

/** A change that may have ended a user's sessions (sign-out, disabled, role or password changed). */
const userChange = z.object({ type: z.literal("user"), action: z.string().max(100), userId: uuid });

/** Who has the article open changed (lib/live/presence.ts sends it; no trigger). */
const presenceChange = z.object({ type: z.literal("presence"), articleId: uuid });

export const liveNoticeSchema = z.discriminatedUnion("type", [claimChange, articleChange, userChange, presenceChange]);
export type LiveNotice = z.infer<typeof liveNoticeSchema>;
export type ArticleNotice = Exclude<LiveNotice, { type: "user" }>;

/** A notification's payload, or null for one that is not ours or is malformed (never thrown). */
export function parseLiveNotice(payload: string): LiveNotice | null {
  try {
    const parsed = liveNoticeSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * One server-sent event: `event:` names the type (`claim`, `article`, `presence`, `resync`, `end`),
 * `data:` is one line of JSON. See docs/live-updates.md for each.
 */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A comment line: ignored by EventSource, keeps proxies from closing an idle stream. */
export const SSE_HEARTBEAT = ": keep-alive\n\n";
