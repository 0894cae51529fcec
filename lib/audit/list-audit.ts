import "server-only";
import { and, desc, eq, gte, inArray, like, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { articles, auditEvents, claims, users } from "@/db/schema";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { parseInput } from "../errors";
import { isStorableText, isUuid } from "../validation";
import { describeChange } from "../workflow/history-text";
import { viewSchema } from "../api/view-schema";
import { auditRowProblem } from "./audit-catalogue";

export const auditQuerySchema = z
  .strictObject({
    /** The id of the last row of the previous page (rows come newest first). */
    before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** An action, or a prefix ending in "." ("auth." for every login event). */
    action: z
      .string()
      .regex(/^[a-z_]+(\.[a-z_]*)?$/, "action is like claim.update or auth.")
      .optional(),
    actor: z.uuid("Unknown user.").optional(),
    target: z.string().max(100).refine(isStorableText, "target cannot contain control characters.").optional(),
    /** First and last day (UTC) of the events to list, both included. */
    from: z.iso.date("A date like 2026-03-31.").optional(),
    to: z.iso.date("A date like 2026-03-31.").optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "The last day comes before the first." });

/** What an event was done to, by the name it has now (or had, when it is gone), with its page. */
export interface AuditTarget {
  type: string;
  id: string | null;
  /** A claim's quote, an article's title, a user's name; null when there is nothing to call it. */
  label: string | null;
  /** The target's page on the desk; null when it has none or no longer exists. */
  href: string | null;
  /** The article a claim is in. */
  article: { id: string; title: string; href: string } | null;
  /** The claim or article was deleted since: the label is what the event itself recorded. */
  gone: boolean;
}

export const auditTargetSchema = viewSchema<AuditTarget>()(
  z.object({
    type: z.string(),
    id: z.string().nullable(),
    label: z.string().nullable(),
    href: z.string().nullable(),
    article: z.object({ id: z.string(), title: z.string(), href: z.string() }).nullable(),
    gone: z.boolean(),
  }),
);

export interface AuditRow {
  id: number;
  at: string;
  actor: { id: string; name: string; email: string } | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  meta: unknown;
  target: AuditTarget;
  /** What happened in words, for the changes a claim's history describes; null for the rest. */
  summary: string | null;
  /**
   * Null when the row matches its action in the catalogue (lib/audit/audit-catalogue.ts); else
   * what does not ("after.status: Invalid option…"). Such a row is still listed, as it is stored.
   */
  problem: string | null;
}

export const auditRowSchema = viewSchema<AuditRow>()(
  z.object({
    id: z.number().int(),
    at: z.string(),
    actor: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    meta: z.unknown(),
    target: auditTargetSchema,
    summary: z.string().nullable(),
    problem: z.string().nullable(),
  }),
);

export interface AuditPage {
  items: AuditRow[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: number | null;
}

export const auditPageSchema = viewSchema<AuditPage>()(
  z.object({ items: z.array(auditRowSchema), next: z.number().int().nullable() }),
);

/**
 * The whole audit trail, newest first, for admins: logins (failed too), refused actions, user
 * changes, every claim and report change. Keyset-paginated on the id.
 */
export async function listAuditEvents(actor: Actor | null, input: unknown = {}): Promise<AuditPage> {
  await authorize(actor, "user:manage", { type: "audit" });
  const q = parseInput(auditQuerySchema, input);
  const where: SQL[] = [];
  if (q.before) where.push(lt(auditEvents.id, q.before));
  if (q.action) where.push(q.action.endsWith(".") ? like(auditEvents.action, `${q.action}%`) : eq(auditEvents.action, q.action));
  if (q.actor) where.push(eq(auditEvents.actorId, q.actor));
  if (q.target) where.push(eq(auditEvents.targetId, q.target));
  if (q.from) where.push(gte(auditEvents.at, new Date(`${q.from}T00:00:00Z`)));
  if (q.to) where.push(lt(auditEvents.at, new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000)));
  const db = await getDb();
  const rows = await db
    .select({ event: auditEvents, name: users.name, email: users.email })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const targets = await resolveTargets(
    db,
    page.map((r) => r.event),
  );
  return {
    items: page.map(({ event, name, email }) => {
      const actorName = event.actorId ? (name ?? "") : null;
      return {
        id: event.id,
        at: event.at.toISOString(),
        actor: event.actorId ? { id: event.actorId, name: name ?? "", email: email ?? "" } : null,
        action: event.action,
        targetType: event.targetType,
        targetId: event.targetId,
        before: event.before,
        after: event.after,
        meta: event.meta,
        target: targets(event),
        summary: claimSentence(event, actorName),
        problem: auditRowProblem(event),
      };
    }),
    next: rows.length > q.limit ? (page[page.length - 1]?.event.id ?? null) : null,
  };
}

/**
 * The sentence a claim's history shows for a claim event (lib/workflow/history-text.ts), or null.
 * Its generic sentence for an action it has no words for ends with the action's code: the page's
 * label for the action says that better.
 */
function claimSentence(event: EventRow, actorName: string | null): string | null {
  if (event.targetType !== "claim" || event.action === "access.denied") return null;
  const sentence = describeChange({ ...event, actorName });
  return sentence.endsWith(`(${event.action})`) ? null : sentence;
}

type Db = Awaited<ReturnType<typeof getDb>>;
type EventRow = typeof auditEvents.$inferSelect;

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);
const field = (v: unknown, key: string): unknown =>
  v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;

/**
 * Names and pages for the claims, articles and users a page of events points at: three lookups
 * by id for the whole page, not one per row. A deleted claim keeps the quote its event recorded.
 */
async function resolveTargets(db: Db, events: EventRow[]): Promise<(e: EventRow) => AuditTarget> {
  const ids = (type: string) => [
    ...new Set(events.filter((e) => e.targetType === type && isUuid(e.targetId)).map((e) => e.targetId!)),
  ];
  const claimIds = ids("claim");
  const articleIds = ids("article");
  const userIds = ids("user");
  // A deleted claim's event names its article in meta: that article can still be linked.
  for (const e of events) {
    const articleId = field(e.meta, "articleId");
    if (e.targetType === "claim" && isUuid(articleId) && !articleIds.includes(articleId)) articleIds.push(articleId);
  }
  const [claimRows, articleRows, userRows] = await Promise.all([
    claimIds.length
      ? db
          .select({ id: claims.id, exact: claims.exact, articleId: claims.articleId, title: articles.title })
          .from(claims)
          .innerJoin(articles, eq(articles.id, claims.articleId))
          .where(inArray(claims.id, claimIds))
      : [],
    articleIds.length
      ? db.select({ id: articles.id, title: articles.title }).from(articles).where(inArray(articles.id, articleIds))
      : [],
    userIds.length
      ? db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, userIds))
      : [],
  ]);
  const claimById = new Map(claimRows.map((c) => [c.id, c]));
  const articleById = new Map(articleRows.map((a) => [a.id, a]));
  const userById = new Map(userRows.map((u) => [u.id, u]));
  const articleRef = (id: string, title: string) => ({ id, title, href: `/articles/${id}` });

  return (e) => {
    const base: AuditTarget = { type: e.targetType, id: e.targetId, label: null, href: null, article: null, gone: false };
    const id = e.targetId;
    if (!id) return base;
    if (e.targetType === "claim") {
      const claim = claimById.get(id);
      if (claim)
        return {
          ...base,
          label: claim.exact,
          href: `/articles/${claim.articleId}?claim=${claim.id}`,
          article: articleRef(claim.articleId, claim.title),
        };
      const recorded = text(field(e.before, "exact")) ?? text(field(e.after, "exact"));
      const articleId = field(e.meta, "articleId") ?? field(e.before, "articleId");
      const article = typeof articleId === "string" ? articleById.get(articleId) : undefined;
      return {
        ...base,
        label: recorded,
        gone: isUuid(id),
        article: article ? articleRef(article.id, article.title) : null,
      };
    }
    if (e.targetType === "article") {
      const article = articleById.get(id);
      if (article) return { ...base, label: article.title, href: `/articles/${article.id}` };
      return { ...base, label: text(field(e.before, "title")) ?? text(field(e.after, "title")), gone: isUuid(id) };
    }
    if (e.targetType === "user") {
      const user = userById.get(id);
      return user ? { ...base, label: `${user.name} (${user.email})` } : base;
    }
    return base;
  };
}
