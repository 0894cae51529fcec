/**
 * Every JSON API route, once: what it takes (the zod schemas its use case validates with) and what
 * it answers (the zod schemas of its view types). lib/api/openapi.ts turns this into the OpenAPI
 * document; tests/integration/api-contract.test.ts checks it against app/api/ on disk and against
 * real answers. A route added under app/api/ without an entry here fails that test.
 *
 * Over 400 lines on purpose: one entry per route, in one list, is what makes a missing or stale
 * entry easy to see; the entries are data, not logic.
 */
import "server-only";
import { z } from "zod";
import { createArticleSchema, createRevisionSchema } from "../articles/schemas";
import { dismissedSuggestionSchema, dismissSuggestionSchema } from "../articles/dismiss-suggestion";
import { revisionResultSchema } from "../articles/create-revision";
import { articleUrlPreviewSchema, previewArticleUrlSchema } from "../articles/preview-article-url";
import { articleDetailSchema, articlePageSchema, listArticlesSchema } from "../articles/read-articles";
import { articleSummarySchema } from "../articles/article-view";
import { updateArticleSchema } from "../articles/update-article";
import { auditPageSchema, auditQuerySchema } from "../audit/list-audit";
import type { Permission } from "../auth/permissions";
import { claimViewSchema, sourceViewSchema } from "../claims/claim-view";
import { deleteClaimSchema } from "../claims/delete-claim";
import { addSourceSchema, removeSourceSchema, updateSourceBodySchema } from "../claims/source-change";
import { createClaimSchema, updateClaimSchema } from "../claims/schemas";
import { healthReportSchema, readyReportSchema } from "../health";
import { triggerScheduledJob, triggerSchema } from "../jobs/trigger-scheduled-job";
import { confirmMatchSchema } from "../matching/confirm-claim-match";
import { claimMatchesSchema } from "../matching/find-claim-matches";
import { matchGroupViewSchema } from "../matching/match-group";
import { duePageSchema, dueQuerySchema } from "../recheck/list-due-claims";
import { recheckDateSchema } from "../recheck/set-recheck-date";
import { startRecheckSchema } from "../recheck/start-recheck";
import { oembedResponseSchema } from "../reports/embed-card";
import { exportQuerySchema } from "../reports/export-report";
import { oembedQuerySchema } from "../reports/get-embed";
import { publishReportSchema, publishResultSchema } from "../reports/publish-report";
import { unpublishReport } from "../reports/unpublish-report";
import { REPORT_FORMATS } from "../reports/types";
import { searchResultSchema, searchSchema } from "../search/search-schemas";
import { suggestionSchema } from "../suggestions/suggest-claims";
import { articleViewersSchema } from "../live/list-article-viewers";
import { createTokenSchema } from "../tokens/schemas";
import { createApiToken } from "../tokens/create-token";
import { revokeApiToken } from "../tokens/revoke-token";
import { apiTokenViewSchema } from "../tokens/token-view";
import { createUserSchema, updateUserSchema } from "../users/schemas";
import { userViewSchema } from "../users/user-view";
import { claimHistorySchema } from "../workflow/claim-history";
import { commentViewSchema } from "../workflow/comment-view";
import { queuePageSchema } from "../workflow/list-queue";
import { reviewResultSchema } from "../workflow/review-claim";
import {
  addCommentSchema,
  assignSchema,
  editCommentSchema,
  historyQuerySchema,
  queueQuerySchema,
  reviewSchema,
  transitionSchema,
} from "../workflow/schemas";
import { deleteClaim } from "../claims/delete-claim";
import { createWebhookSchema, deliveryPageSchema, updateWebhookSchema } from "../webhooks/schemas";
import { deliveryPageViewSchema } from "../webhooks/list-webhooks";
import { redeliveryResultSchema } from "../webhooks/redeliver-webhook";
import { deleteWebhook } from "../webhooks/delete-webhook";
import { webhookViewSchema } from "../webhooks/webhook-view";
import { viewSchema } from "./view-schema";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

export interface ResponseSpec {
  description: string;
  /** The JSON body; absent for a body that is not JSON (then `contentTypes` names it). */
  schema?: z.ZodType;
  contentTypes?: string[];
}

export interface RouteSpec {
  method: HttpMethod;
  /** OpenAPI form: `/api/claims/{id}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /**
   * null: public. Otherwise the permission its use case checks: the roles that have it
   * (PERMISSIONS) and, with an API token, the scope it needs (PERMISSION_SCOPE).
   */
  permission: Permission | null;
  /** Refuses API tokens: only a signed-in browser session may call it. */
  sessionOnly?: true;
  pathParams?: Record<string, string>;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, ResponseSpec>;
}

/** The routes' own answers; the error answers every route shares are added by lib/api/openapi.ts. */
const ok = (schema: z.ZodType, description = "Done.") => ({ schema, description });
const claimBody = z.object({ claim: claimViewSchema });
const sourceChange = z.object({ source: sourceViewSchema.nullable(), claim: claimViewSchema });
const conflict = {
  description:
    "The version sent is not the current one (`error.current` holds it as it is now), or the workflow does not allow this now.",
};
/** Answers several routes share, named in the document's components. */
export const SHARED_ANSWERS: [z.ZodType, string][] = [
  [claimBody, "ClaimAnswer"],
  [sourceChange, "SourceChange"],
  [revisionResultSchema, "RevisionResult"],
  [healthReportSchema, "HealthReport"],
];
const gone = { description: "The report was unpublished." };

const dismissedBody = z.object({ dismissed: dismissedSuggestionSchema });

const ARTICLE = { id: "The article's id (GET also takes its slug)." };
const CLAIM = { id: "The claim's id." };

export const API_ROUTES: RouteSpec[] = [
  // Articles
  {
    method: "GET",
    path: "/api/articles",
    tag: "Articles",
    summary: "List articles, newest first",
    description: "With progress by verdict and status. Keyset-paged: pass `next` as `before`.",
    permission: "article:read",
    query: listArticlesSchema,
    responses: { 200: ok(articlePageSchema, "A page of articles.") },
  },
  {
    method: "POST",
    path: "/api/articles",
    tag: "Articles",
    summary: "Import an article",
    description: "Text, Markdown or HTML (at most 2 MB), reduced to canonical plain text.",
    permission: "article:write",
    body: createArticleSchema,
    responses: { 201: ok(z.object({ article: articleSummarySchema }), "The new article.") },
  },
  {
    method: "POST",
    path: "/api/articles/preview-url",
    tag: "Articles",
    summary: "Import by URL, step one: read an article page",
    description:
      "The server fetches the page (public addresses only, 5 MB, 15 s) and finds the article in it; nothing is stored. Send the confirmed fields to `POST /api/articles`. 422 with `fields.url` when the page cannot be fetched or read.",
    permission: "article:write",
    body: previewArticleUrlSchema,
    responses: { 200: ok(z.object({ preview: articleUrlPreviewSchema }), "The article found at the address.") },
  },
  {
    method: "GET",
    path: "/api/articles/{id}",
    tag: "Articles",
    summary: "An article with its current text, revisions and claims",
    permission: "article:read",
    pathParams: ARTICLE,
    responses: { 200: ok(z.object({ article: articleDetailSchema }), "The article.") },
  },
  {
    method: "PATCH",
    path: "/api/articles/{id}",
    tag: "Articles",
    summary: "Correct an article's details",
    permission: "article:write",
    pathParams: ARTICLE,
    body: updateArticleSchema,
    responses: { 200: ok(z.object({ article: articleSummarySchema }), "The article as changed."), 409: conflict },
  },
  {
    method: "POST",
    path: "/api/articles/{id}/revisions",
    tag: "Articles",
    summary: "Paste a corrected text: a new revision, every claim re-anchored",
    permission: "article:write",
    pathParams: ARTICLE,
    body: createRevisionSchema,
    responses: {
      200: ok(revisionResultSchema, "The text is the same as the current revision (`unchanged: true`)."),
      201: ok(revisionResultSchema, "The new revision and each claim's new anchor."),
      409: { description: "`baseRevision` is not the current revision." },
    },
  },
  {
    method: "GET",
    path: "/api/articles/{id}/suggestions",
    tag: "Articles",
    summary: "Check-worthy clauses not yet marked",
    permission: "article:read",
    pathParams: ARTICLE,
    responses: { 200: ok(z.object({ suggestions: z.array(suggestionSchema) }), "Suggestions in text order.") },
  },
  {
    method: "GET",
    path: "/api/articles/{id}/live",
    tag: "Articles",
    summary: "Live updates of the article (server-sent events)",
    description:
      "An endless `text/event-stream`: `ready`, then `claim`, `article` and `presence` events carrying ids and versions only (fetch what changed through the other routes), `resync` (fetch everything again) and `end` (signed out: do not reconnect). docs/live-updates.md describes each event. 429 past 12 open streams per user.",
    permission: "article:read",
    pathParams: { id: "The article's id." },
    responses: {
      200: { description: "The event stream; it stays open.", contentTypes: ["text/event-stream"] },
      429: { description: "Too many live streams are open for this user." },
    },
  },
  {
    method: "GET",
    path: "/api/articles/{id}/viewers",
    tag: "Articles",
    summary: "Who has the article open now",
    description: "Users with a live-update stream of the article open on any app instance (the caller included).",
    permission: "article:read",
    pathParams: { id: "The article's id." },
    responses: { 200: ok(articleViewersSchema, "The viewers, by name.") },
  },
  {
    method: "POST",
    path: "/api/articles/{id}/suggestions/dismissals",
    tag: "Articles",
    summary: "Dismiss a suggested clause for this article",
    permission: "claim:write",
    pathParams: ARTICLE,
    body: dismissSuggestionSchema,
    responses: {
      200: ok(dismissedBody, "The clause was already dismissed (`created: false`)."),
      201: ok(dismissedBody, "Dismissed."),
    },
  },
  {
    method: "POST",
    path: "/api/articles/{id}/claims",
    tag: "Claims",
    summary: "Mark a claim in the article's current text",
    description: "By code-point offsets (`start`, `end`) or by quote (`exact` with optional `prefix`/`suffix`).",
    permission: "claim:write",
    pathParams: ARTICLE,
    body: createClaimSchema,
    responses: { 201: ok(claimBody, "The new claim (draft).") },
  },
  {
    method: "GET",
    path: "/api/articles/{id}/{file}",
    tag: "Reports",
    summary: "Export the fact-check report as a file",
    description: `\`file\` is report.{${Object.keys(REPORT_FORMATS).join(",")}}; sent as an attachment.`,
    permission: "article:read",
    pathParams: { ...ARTICLE, file: "report.md, report.html, report.pdf, report.csv, report.json or report.jsonld" },
    query: exportQuerySchema,
    responses: {
      200: {
        description: "The report file.",
        contentTypes: [...new Set(Object.values(REPORT_FORMATS).map((f) => f.contentType.split(";")[0]!))],
      },
    },
  },
  {
    method: "POST",
    path: "/api/articles/{id}/publish",
    tag: "Reports",
    summary: "Publish (or republish) the public report",
    description:
      "A snapshot of the approved claims; a republish keeps earlier versions and adds dated correction notes. `version` is the report version being replaced (0 for the first publication): a stale one is a 409, so parallel publishes of one version make one new version.",
    permission: "report:publish",
    pathParams: ARTICLE,
    body: publishReportSchema,
    responses: {
      201: ok(publishResultSchema, "Published."),
      409: { description: "Someone published meanwhile: `error.currentVersion` is the latest version." },
      422: { description: "There are no approved claims to publish yet (`fields.claims`)." },
    },
  },
  {
    method: "POST",
    path: "/api/articles/{id}/unpublish",
    tag: "Reports",
    summary: "Take the public report down",
    description: "The public page then answers 410.",
    permission: "report:publish",
    pathParams: ARTICLE,
    responses: {
      200: ok(
        viewSchema<Awaited<ReturnType<typeof unpublishReport>>>()(z.object({ unpublished: z.number().int() })),
        "Unpublished.",
      ),
      409: { description: "The report is not published." },
    },
  },
  // Claims
  {
    method: "GET",
    path: "/api/claims/{id}",
    tag: "Claims",
    summary: "A claim with its sources",
    permission: "claim:read",
    pathParams: CLAIM,
    responses: { 200: ok(claimBody, "The claim.") },
  },
  {
    method: "PATCH",
    path: "/api/claims/{id}",
    tag: "Claims",
    summary: "Edit a claim",
    permission: "claim:write",
    pathParams: CLAIM,
    body: updateClaimSchema,
    responses: { 200: ok(claimBody, "The claim, at its new version."), 409: conflict },
  },
  {
    method: "DELETE",
    path: "/api/claims/{id}",
    tag: "Claims",
    summary: "Delete a draft never reviewed",
    permission: "claim:write",
    pathParams: CLAIM,
    body: deleteClaimSchema,
    responses: {
      200: ok(viewSchema<Awaited<ReturnType<typeof deleteClaim>>>()(z.object({ deleted: z.string() })), "Deleted."),
      409: conflict,
    },
  },
  {
    method: "POST",
    path: "/api/claims/{id}/sources",
    tag: "Claims",
    summary: "Add a source",
    permission: "claim:write",
    pathParams: CLAIM,
    body: addSourceSchema,
    responses: { 201: ok(sourceChange, "The source and the claim at its new version."), 409: conflict },
  },
  {
    method: "PATCH",
    path: "/api/claims/{id}/sources/{sourceId}",
    tag: "Claims",
    summary: "Edit a source",
    permission: "claim:write",
    pathParams: { ...CLAIM, sourceId: "The source's id." },
    body: updateSourceBodySchema,
    responses: { 200: ok(sourceChange, "The source and the claim."), 409: conflict },
  },
  {
    method: "DELETE",
    path: "/api/claims/{id}/sources/{sourceId}",
    tag: "Claims",
    summary: "Remove a source",
    permission: "claim:write",
    pathParams: { ...CLAIM, sourceId: "The source's id." },
    body: removeSourceSchema,
    responses: { 200: ok(sourceChange, "`source` is null; the claim at its new version."), 409: conflict },
  },
  {
    method: "GET",
    path: "/api/claims/{id}/matches",
    tag: "Claims",
    summary: "Earlier claims making the same claim",
    description: "With scores and reasons, and the confirmed group (docs/claim-matching.md).",
    permission: "claim:read",
    pathParams: CLAIM,
    responses: { 200: ok(claimMatchesSchema, "The matches.") },
  },
  {
    method: "POST",
    path: "/api/claims/{id}/matches",
    tag: "Claims",
    summary: "Confirm that two claims make the same claim",
    permission: "claim:write",
    pathParams: CLAIM,
    body: confirmMatchSchema,
    responses: { 201: ok(z.object({ group: matchGroupViewSchema }), "The group both claims now belong to.") },
  },
  {
    method: "POST",
    path: "/api/claims/{id}/recheck-date",
    tag: "Claims",
    summary: "Set or clear the date by which the verdict is checked again",
    permission: "claim:write",
    pathParams: CLAIM,
    body: recheckDateSchema,
    responses: { 200: ok(claimBody, "The claim."), 409: conflict },
  },
  {
    method: "POST",
    path: "/api/claims/{id}/recheck",
    tag: "Claims",
    summary: "Start re-checking an approved claim",
    permission: "claim:write",
    pathParams: CLAIM,
    body: startRecheckSchema,
    responses: { 200: ok(claimBody, "The claim, back in the workflow."), 409: conflict },
  },
  // Workflow
  {
    method: "POST",
    path: "/api/claims/{id}/submit",
    tag: "Review",
    summary: "Submit a claim for review",
    permission: "claim:submit",
    pathParams: CLAIM,
    body: transitionSchema,
    responses: { 200: ok(claimBody, "The claim, in review."), 409: conflict },
  },
  {
    method: "POST",
    path: "/api/claims/{id}/withdraw",
    tag: "Review",
    summary: "Withdraw a claim from review",
    permission: "claim:submit",
    pathParams: CLAIM,
    body: transitionSchema,
    responses: { 200: ok(claimBody, "The claim, a draft again."), 409: conflict },
  },
  {
    method: "POST",
    path: "/api/claims/{id}/review",
    tag: "Review",
    summary: "Approve a claim or request changes",
    description:
      "Four-eyes: whoever created the claim or edited it since the last approval gets 403. 422 with `fields.confirmVerdictDifference` when the verdict differs from the same claim's latest approved one.",
    permission: "claim:review",
    pathParams: CLAIM,
    body: reviewSchema,
    responses: { 200: ok(reviewResultSchema, "The claim and the recorded decision."), 409: conflict },
  },
  {
    method: "POST",
    path: "/api/claims/{id}/assign",
    tag: "Review",
    summary: "Assign a reviewer (or none)",
    permission: "claim:assign",
    pathParams: CLAIM,
    body: assignSchema,
    responses: { 200: ok(claimBody, "The claim.") },
  },
  {
    method: "GET",
    path: "/api/claims/{id}/comments",
    tag: "Review",
    summary: "A claim's comments",
    permission: "claim:read",
    pathParams: CLAIM,
    responses: { 200: ok(z.object({ comments: z.array(commentViewSchema) }), "Oldest first.") },
  },
  {
    method: "POST",
    path: "/api/claims/{id}/comments",
    tag: "Review",
    summary: "Comment on a claim",
    permission: "comment:write",
    pathParams: CLAIM,
    body: addCommentSchema,
    responses: { 201: ok(z.object({ comment: commentViewSchema }), "The comment.") },
  },
  {
    method: "PATCH",
    path: "/api/claims/{id}/comments/{commentId}",
    tag: "Review",
    summary: "Edit one's own comment",
    permission: "comment:write",
    pathParams: { ...CLAIM, commentId: "The comment's id." },
    body: editCommentSchema,
    responses: { 200: ok(z.object({ comment: commentViewSchema }), "The comment."), 409: conflict },
  },
  {
    method: "GET",
    path: "/api/claims/{id}/history",
    tag: "Review",
    summary: "A claim's history in plain words, and every review decision",
    permission: "audit:read",
    pathParams: CLAIM,
    query: historyQuerySchema,
    responses: { 200: ok(claimHistorySchema, "Oldest first.") },
  },
  {
    method: "GET",
    path: "/api/queue",
    tag: "Review",
    summary: "The review queue",
    description: "Keyset-paged: pass `next` as `after`.",
    permission: "queue:read",
    query: queueQuerySchema,
    responses: { 200: ok(queuePageSchema, "A page of claims waiting for review, oldest first.") },
  },
  {
    method: "GET",
    path: "/api/recheck",
    tag: "Review",
    summary: "Approved claims due for a re-check",
    permission: "claim:read",
    query: dueQuerySchema,
    responses: { 200: ok(duePageSchema, "A page of due claims.") },
  },
  // Search
  {
    method: "GET",
    path: "/api/search",
    tag: "Search",
    summary: "Search claims and articles",
    description: 'Websearch syntax: words, "a phrase", -excluded, or. Figures match in any spelling.',
    permission: "claim:read",
    query: searchSchema,
    responses: { 200: ok(searchResultSchema, "Both lists, newest first, each keyset-paged.") },
  },
  // Tokens
  {
    method: "GET",
    path: "/api/tokens",
    tag: "API tokens",
    summary: "The caller's API tokens (an admin's: everyone's)",
    description: "Never their secrets.",
    permission: "article:read",
    responses: { 200: ok(z.object({ tokens: z.array(apiTokenViewSchema) }), "The tokens.") },
  },
  {
    method: "POST",
    path: "/api/tokens",
    tag: "API tokens",
    summary: "Create an API token",
    description:
      "The secret is in this answer only. Scopes never exceed what the user's role allows; admins may create a token for another user (a service account). Refused to a request made with a token.",
    permission: "article:read",
    sessionOnly: true,
    body: createTokenSchema,
    responses: {
      201: ok(
        viewSchema<Awaited<ReturnType<typeof createApiToken>>>()(z.object({ token: apiTokenViewSchema, secret: z.string() })),
        "The token and its secret.",
      ),
    },
  },
  {
    method: "DELETE",
    path: "/api/tokens/{id}",
    tag: "API tokens",
    summary: "Revoke an API token, at once",
    permission: "article:read",
    pathParams: { id: "The token's id." },
    responses: {
      200: ok(viewSchema<Awaited<ReturnType<typeof revokeApiToken>>>()(z.object({ revoked: z.string() })), "Revoked."),
    },
  },
  // Admin
  {
    method: "GET",
    path: "/api/users",
    tag: "Admin",
    summary: "Every user",
    description: "Never password hashes.",
    permission: "user:manage",
    responses: { 200: ok(z.object({ users: z.array(userViewSchema) }), "The users.") },
  },
  {
    method: "POST",
    path: "/api/users",
    tag: "Admin",
    summary: "Create a user",
    permission: "user:manage",
    body: createUserSchema,
    responses: { 201: ok(z.object({ user: userViewSchema }), "The user."), 409: { description: "The e-mail is taken." } },
  },
  {
    method: "PATCH",
    path: "/api/users/{id}",
    tag: "Admin",
    summary: "Change a user's role, name or password, or disable them",
    description: "Role, disabled and password changes end that user's sessions.",
    permission: "user:manage",
    pathParams: { id: "The user's id." },
    body: updateUserSchema.omit({ userId: true }),
    responses: { 200: ok(z.object({ user: userViewSchema }), "The user.") },
  },
  {
    method: "GET",
    path: "/api/audit",
    tag: "Admin",
    summary: "The audit log, newest first",
    description: "`action` is an action (`claim.update`) or a prefix ending in a dot (`auth.`).",
    permission: "user:manage",
    query: auditQuerySchema,
    responses: { 200: ok(auditPageSchema, "A page of audit rows.") },
  },
  {
    method: "POST",
    path: "/api/jobs/run",
    tag: "Admin",
    summary: "Run a scheduled job now",
    permission: "jobs:manage",
    body: triggerSchema,
    responses: {
      202: ok(
        viewSchema<Awaited<ReturnType<typeof triggerScheduledJob>>>()(z.object({ jobId: z.string().nullable() })),
        "Queued (`jobId` null when the same job was already waiting).",
      ),
    },
  },
  // Webhooks
  {
    method: "GET",
    path: "/api/webhooks",
    tag: "Webhooks",
    summary: "Every webhook endpoint",
    description: "Never the signing secrets, only their first characters.",
    permission: "webhooks:manage",
    responses: { 200: ok(z.object({ webhooks: z.array(webhookViewSchema) }), "The endpoints, newest first.") },
  },
  {
    method: "POST",
    path: "/api/webhooks",
    tag: "Webhooks",
    summary: "Register a webhook endpoint",
    description:
      "The signing secret is made by the server and answered this once (docs/api.md, Webhooks, says how to check a signature).",
    permission: "webhooks:manage",
    body: createWebhookSchema,
    responses: {
      201: ok(z.object({ webhook: webhookViewSchema, secret: z.string() }), "The endpoint and its signing secret."),
    },
  },
  {
    method: "GET",
    path: "/api/webhooks/{id}",
    tag: "Webhooks",
    summary: "A webhook endpoint",
    permission: "webhooks:manage",
    pathParams: { id: "The endpoint's id." },
    responses: { 200: ok(z.object({ webhook: webhookViewSchema }), "The endpoint.") },
  },
  {
    method: "PATCH",
    path: "/api/webhooks/{id}",
    tag: "Webhooks",
    summary: "Rename, re-point, re-subscribe, enable or disable an endpoint",
    permission: "webhooks:manage",
    pathParams: { id: "The endpoint's id." },
    body: updateWebhookSchema,
    responses: { 200: ok(z.object({ webhook: webhookViewSchema }), "The endpoint as changed."), 409: conflict },
  },
  {
    method: "DELETE",
    path: "/api/webhooks/{id}",
    tag: "Webhooks",
    summary: "Delete an endpoint and its delivery log",
    permission: "webhooks:manage",
    pathParams: { id: "The endpoint's id." },
    responses: {
      200: ok(viewSchema<Awaited<ReturnType<typeof deleteWebhook>>>()(z.object({ deleted: z.string() })), "Deleted."),
    },
  },
  {
    method: "GET",
    path: "/api/webhooks/{id}/deliveries",
    tag: "Webhooks",
    summary: "An endpoint's delivery log, newest first",
    description: "20 deliveries a page, each with its body and every attempt (status code, duration, error), newest first.",
    permission: "webhooks:manage",
    pathParams: { id: "The endpoint's id." },
    query: deliveryPageSchema,
    responses: { 200: ok(deliveryPageViewSchema, "A page of deliveries.") },
  },
  {
    method: "POST",
    path: "/api/webhooks/{id}/deliveries/{deliveryId}/redeliver",
    tag: "Webhooks",
    summary: "Send a delivery again now",
    description:
      "One attempt of the same body, with the same Webhook-Id; logged and audited. 200 whatever the receiver answered.",
    permission: "webhooks:manage",
    pathParams: { id: "The endpoint's id.", deliveryId: "The delivery's id." },
    responses: {
      200: ok(redeliveryResultSchema, "The attempt and the delivery's state after it."),
      409: { description: "The endpoint is disabled." },
    },
  },
  // Public
  {
    method: "GET",
    path: "/api/health",
    tag: "Public",
    summary: "Whether the database is open and migrated",
    permission: null,
    responses: {
      200: ok(healthReportSchema, "Ready."),
      503: ok(healthReportSchema, "Not ready, with a reason."),
    },
  },
  {
    method: "GET",
    path: "/api/ready",
    tag: "Public",
    summary: "Readiness for a load balancer",
    description:
      'As /api/health, and 503 `{status: "draining"}` once the server is shutting down (server.mjs, SIGTERM): take the instance out of rotation.',
    permission: null,
    responses: {
      200: ok(readyReportSchema, "Taking requests."),
      503: ok(readyReportSchema, "Shutting down, or the database is not usable."),
    },
  },
  {
    method: "GET",
    path: "/api/oembed",
    tag: "Public",
    summary: "oEmbed for a published verdict",
    description: "A `rich` answer whose `html` is a sandboxed frame of the verdict card.",
    permission: null,
    query: oembedQuerySchema,
    responses: {
      200: ok(oembedResponseSchema, "The oEmbed answer."),
      404: { description: "Not a published verdict of this desk." },
      410: gone,
      501: { description: "A format other than json." },
    },
  },
  {
    method: "GET",
    path: "/api/openapi.json",
    tag: "Public",
    summary: "This document",
    permission: null,
    responses: { 200: ok(z.looseObject({ openapi: z.literal("3.1.0") }), "The OpenAPI 3.1 document.") },
  },
  {
    method: "GET",
    path: "/api/docs",
    tag: "Public",
    summary: "This document as a page to read",
    permission: null,
    responses: { 200: { description: "HTML.", contentTypes: ["text/html"] } },
  },
];
