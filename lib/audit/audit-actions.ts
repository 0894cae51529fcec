/**
 * What the audit log page calls each action and the groups it filters by. Pure: shared by the
 * page's filter form and the rows it lists. Every action of the catalogue has a label (a new one
 * without does not compile); a stored row whose action is no longer declared lists under its code.
 */
// Types only: the catalogue's schemas (zod) stay out of the browser code that names actions.
import type { AuditAction } from "./audit-catalogue";

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "auth.login": "Signed in",
  "auth.login_failed": "Failed login",
  "auth.login_throttled": "Login refused (too many attempts)",
  "auth.logout": "Signed out",
  "access.denied": "Refused action",
  "user.create": "User created",
  "user.update": "User changed",
  "user.disable": "User disabled",
  "user.enable": "User enabled",
  "article.create": "Article imported",
  "article.update": "Article details edited",
  "article.revise": "Article corrected (new revision)",
  "suggestion.dismiss": "Suggestion dismissed",
  "claim.create": "Claim marked",
  "claim.update": "Claim edited",
  "claim.delete": "Claim deleted",
  "claim.reattach": "Claim re-attached",
  "claim.reanchor": "Claim followed a new revision",
  "claim.submit": "Claim submitted for review",
  "claim.withdraw": "Claim withdrawn from review",
  "claim.approve": "Claim approved",
  "claim.request_changes": "Changes requested",
  "claim.assign": "Reviewer assigned",
  "claim.match_confirm": "Claim match confirmed",
  "claim.verdict_difference_confirmed": "Different verdict confirmed",
  "claim.figure_edit": "Figure corrected",
  "claim.figure_revert": "Figure correction undone",
  "claim.figure_warnings_confirmed": "Approved over figure warnings",
  "claim.recheck_date": "Re-check date set",
  "claim.recheck_due": "Claim due for re-check",
  "claim.recheck_start": "Re-check started",
  "source.add": "Source added",
  "source.update": "Source edited",
  "source.remove": "Source removed",
  "comment.add": "Comment",
  "comment.edit": "Comment edited",
  "report.publish": "Report published",
  "report.republish": "Report republished",
  "report.unpublish": "Report unpublished",
  "token.create": "API token created",
  "token.revoke": "API token revoked",
  "job.trigger": "Job started by hand",
  "job.retry": "Job retried",
  "settings.update": "Desk settings changed",
  "webhook.create": "Webhook endpoint added",
  "webhook.update": "Webhook endpoint changed",
  "webhook.delete": "Webhook endpoint deleted",
  "webhook.redeliver": "Webhook redelivered by hand",
};

/** Filter groups: an action prefix ending in "." matches every action that starts with it. */
export const AUDIT_ACTION_GROUPS: readonly (readonly [string, string])[] = [
  ["auth.", "Logins and sign-outs"],
  ["user.", "User changes"],
  ["article.", "Articles"],
  ["claim.", "Claims"],
  ["source.", "Sources"],
  ["comment.", "Comments"],
  ["report.", "Reports"],
  ["token.", "API tokens"],
  ["webhook.", "Webhooks"],
];

export function auditActionLabel(action: string): string {
  // Every declared action has a label (the Record's type demands it), and only those.
  return Object.hasOwn(AUDIT_ACTION_LABELS, action) ? AUDIT_ACTION_LABELS[action as AuditAction] : action;
}
