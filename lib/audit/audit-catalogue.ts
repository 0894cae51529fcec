/**
 * Every audit action the desk records, with the zod schema of what its row holds (target type,
 * before, after, meta): one discriminated union on `action`. `recordAudit` takes an entry of this
 * union, so a misspelt action or a payload of the wrong shape does not compile; the readers (the
 * audit log, a claim's history) parse each stored row with it and mark a row that does not match.
 *
 * Payloads only ever gain fields: rows already written must keep parsing, so a field added later
 * is optional here. Pure (zod only): the history sentences and the audit page's labels import it.
 */
import { z } from "zod";
import {
  ANCHOR_STATES,
  API_TOKEN_SCOPES,
  ARTICLE_FORMATS,
  CLAIM_STATUSES,
  FIGURE_ORIGINS,
  ROLES,
  VERDICTS,
} from "@/domain/vocabulary";

/** No value: stored as SQL null. */
const none = z.null().optional();
type None = typeof none;

function event<
  const A extends string,
  T extends z.ZodType<string>,
  B extends z.ZodType = None,
  Af extends z.ZodType = None,
  M extends z.ZodType = None,
>(action: A, targetType: T, parts: { before?: B; after?: Af; meta?: M } = {}) {
  return z.object({
    action: z.literal(action),
    targetType,
    before: (parts.before ?? none) as B,
    after: (parts.after ?? none) as Af,
    meta: (parts.meta ?? none) as M,
  });
}

const user = z.literal("user");
const claim = z.literal("claim");
const article = z.literal("article");
const webhook = z.literal("webhook");
const job = z.literal("job");
const apiToken = z.literal("api_token");

const status = z.enum(CLAIM_STATUSES);
const verdict = z.enum(VERDICTS);
const anchorState = z.enum(ANCHOR_STATES);
const int = z.number().int();
const statusVersion = z.object({ status, version: int });
/** Set after an edit of an approved claim sent it back to review. */
const backToReview = z.literal(true).optional();

/** A sign-in through single sign-on (lib/auth/sso-sign-in.ts); absent for a password login. */
const ssoLogin = {
  method: z.literal("oidc").optional(),
  issuer: z.string().optional(),
  created: z.literal(true).optional(),
};

const userFields = z.object({
  role: z.enum(ROLES).optional(),
  disabled: z.boolean().optional(),
  name: z.string().optional(),
  password: z.literal("changed").optional(),
});
const userChange = {
  before: userFields,
  after: userFields,
  meta: z.object({ sessionsEnded: z.boolean(), via: z.literal("cli").optional() }),
};

/** The fields of an article a user edits; a change records only those that differ. */
const articleFields = z.object({
  title: z.string().optional(),
  url: z.string().nullable().optional(),
  publisher: z.string().nullable().optional(),
  publishedAt: z.string().nullable().optional(),
});

const claimFields = z.object({
  statement: z.string().optional(),
  verdict: verdict.optional(),
  rationale: z.string().nullable().optional(),
  claimant: z.string().nullable().optional(),
  claimantType: z.string().nullable().optional(),
  claimDate: z.string().nullable().optional(),
  claimPlace: z.string().nullable().optional(),
  appearanceUrl: z.string().nullable().optional(),
});

const sourceFields = z.object({
  url: z.string().optional(),
  title: z.string().optional(),
  publisher: z.string().nullable().optional(),
  quote: z.string().nullable().optional(),
  accessedAt: z.string().nullable().optional(),
  kind: z.string().nullable().optional(),
  internal: z.boolean().optional(),
});

const figureReading = z.object({
  text: z.string(),
  value: z.number(),
  scale: z.number(),
  unit: z.string().nullable(),
  unitKind: z.string(),
  qualifier: z.string().nullable(),
  approximate: z.boolean(),
  period: z.string().nullable(),
  place: z.string().nullable(),
  subject: z.string().nullable(),
});
const figureMeta = z.object({ figureId: z.string(), origin: z.enum(FIGURE_ORIGINS), version: int, backToReview });

const reviewer = z.object({ reviewerId: z.string().nullable(), reviewerName: z.string().nullable() });
const anchorSpan = z.object({ start: int, end: int, anchorState });

const webhookFields = z.object({
  name: z.string(),
  url: z.string(),
  // Stored as text: an event retired from the list still reads.
  events: z.array(z.string()),
  enabled: z.boolean(),
});
/** A review decision: approval or a request for changes. */
const decision = {
  before: statusVersion,
  after: statusVersion.extend({ verdict, reason: z.string().optional(), recheckBy: z.string().nullable().optional() }),
  meta: z.object({ reviewId: z.string(), reviewedVersion: int }),
};
const publication = z.object({
  version: int,
  claims: int,
  corrections: z.array(z.object({ claimId: z.string(), from: z.string(), to: z.string() })),
});
const recheckWhen = z.object({ recheckBy: z.string().nullable(), due: z.boolean() });

export const AUDIT_EVENT_SCHEMAS = [
  event("auth.login", user, { meta: z.object({ ip: z.string().nullable(), ...ssoLogin }) }),
  event("auth.login_failed", user, {
    meta: z.object({
      // null: single sign-on whose provider named no usable address (reason "no_email")
      email: z.string().nullable(),
      ip: z.string().nullable(),
      disabled: z.boolean().optional(),
      ...ssoLogin,
      reason: z.enum(["no_email", "unverified", "domain", "disabled"]).optional(),
    }),
  }),
  event("auth.login_throttled", user, { meta: z.object({ email: z.string(), ip: z.string().nullable() }) }),
  event("auth.logout", user),
  event("access.denied", z.string(), {
    meta: z.object({ permission: z.string(), role: z.enum(ROLES), reason: z.string().optional() }),
  }),

  event("user.create", user, {
    after: z.object({ email: z.string(), name: z.string(), role: z.enum(ROLES) }),
    // "oidc": created by a first single sign-on, with the desk's default role (lib/auth/sso-sign-in.ts)
    meta: z
      .object({ via: z.enum(["cli", "oidc"]), defaultRole: z.literal(true).optional(), issuer: z.string().optional() })
      .nullable()
      .optional(),
  }),
  event("user.update", user, userChange),
  event("user.disable", user, userChange),
  event("user.enable", user, userChange),

  event("article.create", article, {
    after: z.object({
      title: z.string(),
      slug: z.string(),
      url: z.string().nullable(),
      publisher: z.string().nullable(),
      revision: int,
      format: z.enum(ARTICLE_FORMATS).optional(),
    }),
  }),
  event("article.update", article, { before: articleFields, after: articleFields }),
  event("article.revise", article, {
    before: z.object({ revision: int, bodyHash: z.string() }),
    after: z.object({ revision: int, bodyHash: z.string() }),
    meta: z.object({ claims: int, states: z.record(z.string(), int) }),
  }),
  event("suggestion.dismiss", article, { after: z.object({ exact: z.string(), start: int, end: int }) }),

  event("claim.create", claim, {
    after: z.object({ exact: z.string(), start: int, end: int, statement: z.string(), claimant: z.string().nullable() }),
    meta: z.object({ articleId: z.string(), fromSuggestion: z.literal(true).optional() }),
  }),
  event("claim.update", claim, {
    before: claimFields,
    after: claimFields,
    meta: z.object({ version: int, backToReview }),
  }),
  event("claim.delete", claim, {
    // The whole claim as it was (its view, sources and comments), so nothing accepted is lost.
    before: z.looseObject({ exact: z.string(), statement: z.string(), articleId: z.string() }),
    meta: z.object({ articleId: z.string() }),
  }),
  event("claim.reattach", claim, {
    before: anchorSpan.extend({ exact: z.string() }),
    after: anchorSpan.extend({ exact: z.string(), revision: int }),
  }),
  event("claim.reanchor", claim, {
    before: anchorSpan.extend({ revision: int }),
    after: anchorSpan.extend({ revision: int, text: z.string().nullable() }),
    meta: z.object({
      method: z.string().nullable(),
      score: z.number().nullable(),
      articleId: z.string(),
      backToReview,
      reason: z.string().optional(),
    }),
  }),
  event("claim.submit", claim, { before: statusVersion, after: statusVersion }),
  event("claim.withdraw", claim, { before: statusVersion, after: statusVersion }),
  event("claim.approve", claim, decision),
  event("claim.request_changes", claim, decision),
  event("claim.assign", claim, { before: reviewer, after: reviewer }),
  event("claim.match_confirm", claim, {
    after: z.object({ matchId: z.string(), groupId: z.string(), score: z.number() }),
    meta: z.object({ reasons: z.array(z.string()), mergedGroup: z.string().optional() }),
  }),
  event("claim.verdict_difference_confirmed", claim, {
    after: z.object({ verdict, groupVerdict: verdict }),
    meta: z.object({ groupClaimId: z.string(), groupApprovedAt: z.string().nullable() }),
  }),
  event("claim.figure_edit", claim, { before: figureReading, after: figureReading, meta: figureMeta }),
  event("claim.figure_revert", claim, { before: figureReading, meta: figureMeta }),
  event("claim.figure_warnings_confirmed", claim, {
    meta: z.object({
      reviewedVersion: int,
      warnings: z.array(z.object({ kind: z.string(), message: z.string(), claimId: z.string().optional() })),
    }),
  }),
  event("claim.recheck_date", claim, { before: recheckWhen, after: recheckWhen }),
  event("claim.recheck_due", claim, { after: z.object({ recheckBy: z.string().nullable() }) }),
  event("claim.recheck_start", claim, {
    before: statusVersion,
    after: z.object({ status: status.optional(), version: int, note: z.string().nullable() }),
  }),

  event("source.add", claim, {
    after: z.object({ sourceId: z.string(), url: z.string(), title: z.string(), internal: z.boolean() }),
  }),
  event("source.update", claim, {
    before: sourceFields.extend({ sourceId: z.string() }),
    after: sourceFields.extend({ sourceId: z.string() }),
  }),
  event("source.remove", claim, {
    before: sourceFields.extend({ sourceId: z.string() }),
  }),

  event("comment.add", claim, { after: z.object({ commentId: z.string(), body: z.string() }) }),
  event("comment.edit", claim, {
    before: z.object({ commentId: z.string(), body: z.string() }),
    after: z.object({ commentId: z.string(), body: z.string() }),
    meta: z.object({ version: int }),
  }),

  event("report.publish", article, { after: publication }),
  event("report.republish", article, { after: publication }),
  event("report.unpublish", article, { after: z.object({ versions: z.array(int) }) }),

  event("token.create", apiToken, {
    after: z.object({ name: z.string(), scopes: z.array(z.enum(API_TOKEN_SCOPES)), userId: z.string(), expiresAt: z.string() }),
  }),
  event("token.revoke", apiToken, { meta: z.object({ name: z.string(), userId: z.string() }) }),
  event("job.trigger", job, { meta: z.object({ name: z.string() }) }),
  event("job.retry", job, { meta: z.object({ name: z.string() }) }),
  event("settings.update", z.literal("settings"), {
    before: z.object({ recheckDays: int, recheckMovingDays: int }),
    after: z.object({ recheckDays: int, recheckMovingDays: int }),
  }),

  event("webhook.create", webhook, { after: webhookFields }),
  event("webhook.update", webhook, {
    before: webhookFields.partial(),
    after: webhookFields.partial(),
    meta: z.object({ name: z.string() }),
  }),
  event("webhook.delete", webhook, { before: webhookFields }),
  event("webhook.redeliver", webhook, {
    meta: z.object({
      deliveryId: z.string(),
      ok: z.boolean(),
      statusCode: int.nullable(),
      error: z.string().nullable(),
    }),
  }),
] as const;

export const auditEventSchema = z.discriminatedUnion("action", AUDIT_EVENT_SCHEMAS);

/** A stored row's data, parsed. */
export type AuditEvent = z.output<typeof auditEventSchema>;
export type AuditAction = AuditEvent["action"];
/** What `recordAudit` accepts for one action (absent parts may be left out). */
export type AuditEventInput<A extends AuditAction = AuditAction> = Extract<z.input<typeof auditEventSchema>, { action: A }>;
/** The actions a claim's history tells (their target is the claim). */
export type ClaimAuditAction = Extract<AuditEvent, { targetType: "claim" }>["action"];

export const AUDIT_ACTIONS: readonly AuditAction[] = AUDIT_EVENT_SCHEMAS.map((s) => s.shape.action.value);

const CLAIM_ACTIONS = new Set<string>(
  AUDIT_EVENT_SCHEMAS.filter((s) => s.shape.targetType instanceof z.ZodLiteral && s.shape.targetType.value === "claim").map(
    (s) => s.shape.action.value,
  ),
);

export function isAuditAction(action: string): action is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(action);
}

export function isClaimAuditAction(action: string): action is ClaimAuditAction {
  return CLAIM_ACTIONS.has(action);
}

export type ParsedAuditRow = { ok: true; event: AuditEvent } | { ok: false; problem: string };

/**
 * A stored row checked against the catalogue. A row that does not match (an action no longer
 * declared, a payload of another shape) comes back with what is wrong, never as an exception.
 */
export function parseAuditRow(row: {
  action: string;
  targetType: string;
  before: unknown;
  after: unknown;
  meta: unknown;
}): ParsedAuditRow {
  if (!isAuditAction(row.action)) return { ok: false, problem: `unknown action ${row.action}` };
  const parsed = auditEventSchema.safeParse({
    action: row.action,
    targetType: row.targetType,
    before: row.before,
    after: row.after,
    meta: row.meta,
  });
  if (parsed.success) return { ok: true, event: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: issue ? `${issue.path.join(".") || "row"}: ${issue.message}` : "does not match its schema" };
}

/** What is wrong with a stored row (see parseAuditRow), or null when it matches the catalogue. */
export function auditRowProblem(row: Parameters<typeof parseAuditRow>[0]): string | null {
  const parsed = parseAuditRow(row);
  return parsed.ok ? null : parsed.problem;
}
