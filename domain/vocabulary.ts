/**
 * The desk's vocabulary: every closed list of words the database stores and the code reasons about.
 *
 * Pure data with no imports, so every layer may import it: `db/schema` builds its enum columns and
 * CHECK constraints from these lists, `lib/` builds its zod schemas and rules from them, and `app/`
 * shows them. Meanings, labels and rules live with the code that owns them (verdict meanings in
 * lib/claims/verdicts.ts, status transitions in lib/workflow/state-machine.ts); only the words are
 * here. Changing a list changes a CHECK constraint: generate a migration (docs/code-style.md).
 */

/** The rating scale (lib/claims/verdicts.ts has labels, meanings and ClaimReview ratings). */
export const VERDICTS = ["unverified", "verified", "needs_context", "misleading", "disputed", "false", "unproven"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Where a claim is in review (lib/workflow/state-machine.ts has the transitions). */
export const CLAIM_STATUSES = ["draft", "in_review", "changes_requested", "approved"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** What a user may do is decided per role (lib/auth/permissions.ts). */
export const ROLES = ["editor", "reviewer", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** The formats an article body may be imported from (lib/text/canonical.ts turns each into text). */
export const ARTICLE_FORMATS = ["text", "markdown", "html"] as const;
export type ArticleFormat = (typeof ARTICLE_FORMATS)[number];

/** How well a claim's quote is attached to the current revision (docs/anchoring.md). */
export const ANCHOR_STATES = ["anchored", "relocated", "changed", "ambiguous", "orphaned"] as const;
export type AnchorState = (typeof ANCHOR_STATES)[number];

/** Who made a claim: schema.org types, as ClaimReview's `author` carries them (docs/claimreview.md). */
export const CLAIMANT_TYPES = ["Person", "Organization"] as const;
export type ClaimantType = (typeof CLAIMANT_TYPES)[number];

/** A primary source is the original record; a secondary one reports on it. */
export const SOURCE_KINDS = ["primary", "secondary"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A reviewer's decision on one claim version. */
export const REVIEW_DECISIONS = ["approve", "request_changes"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** True when `value` is one of `words`: narrows unknown input to the list's type. */
export function isOneOf<const T extends readonly string[]>(words: T, value: unknown): value is T[number] {
  return typeof value === "string" && (words as readonly string[]).includes(value);
}

/** What an API token may be used for; never more than its user's role allows (lib/auth/permissions.ts). */
export const API_TOKEN_SCOPES = ["read", "write", "review", "admin"] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** A figure's wording of its bound or precision (lib/figures/): "more than" is strict, "about" approximate. */
export const FIGURE_QUALIFIERS = ["at least", "more than", "about", "nearly", "up to", "less than", "exactly"] as const;
export type FigureQualifier = (typeof FIGURE_QUALIFIERS)[number];

/** What kind of quantity a figure's unit measures; figures of different kinds are never compared. */
export const FIGURE_UNIT_KINDS = ["percent", "percentage-points", "currency", "count", "measure", "multiplier", "none"] as const;
export type FigureUnitKind = (typeof FIGURE_UNIT_KINDS)[number];

/** Which text of a claim a stored figure was read from: the marked text or the desk's statement. */
export const FIGURE_ORIGINS = ["text", "statement"] as const;
export type FigureOrigin = (typeof FIGURE_ORIGINS)[number];

/** What happened to a claim that its people are told about (lib/notifications/). */
export const NOTIFICATION_KINDS = [
  "changes_requested",
  "approved",
  "commented",
  "mentioned",
  "assigned",
  "text_changed",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a webhook endpoint may subscribe to (docs/api.md, Webhooks). */
export const WEBHOOK_EVENTS = [
  "claim.approved",
  "claim.sent_back",
  "report.published",
  "report.corrected",
  "report.unpublished",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** A webhook delivery: waiting for (another) attempt, answered with a 2xx, or out of attempts. */
export const WEBHOOK_DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
