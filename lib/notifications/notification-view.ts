import type { NotificationKind } from "@/domain/vocabulary";
import { type Actor, can } from "../auth/permissions";

export interface NotificationView {
  id: number;
  kind: NotificationKind;
  /** Who did it; null for the system. */
  actor: { id: string; name: string } | null;
  claim: { id: string; statement: string };
  article: { id: string; title: string };
  commentId: string | null;
  /** The reviewer's reason, the comment's first words, or why the text changed. */
  detail: string | null;
  /** One sentence: "Rita Reviewer sent back your claim". */
  summary: string;
  /** Where opening it leads: the review page for reviewers, the claim in its article for others. */
  href: string;
  createdAt: string;
  read: boolean;
}

const DOES: Record<NotificationKind, string> = {
  changes_requested: "sent back your claim",
  approved: "approved your claim",
  commented: "commented on a claim of yours",
  mentioned: "mentioned you in a comment",
  assigned: "asked you to review a claim",
  text_changed: "corrected the article: the text under your claim changed",
};

export function summarize(kind: NotificationKind, actorName: string | null): string {
  return `${actorName ?? "The desk"} ${DOES[kind]}`;
}

export function claimHref(reader: Actor, claimId: string, articleId: string): string {
  return can(reader, "claim:review") ? `/review/${claimId}` : `/articles/${articleId}?claim=${claimId}`;
}
