import "server-only";
import { and, desc, eq, inArray, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, Tx } from "@/lib/database";
import { articles, claimMatchLinks, claims, reviews, users } from "@/db/schema";
import { VERDICT_INFO, type Verdict } from "../claims/verdicts";
import { z } from "zod";
import { VERDICTS } from "@/domain/vocabulary";
import { viewSchema } from "../api/view-schema";

export interface GroupVerdict {
  claimId: string;
  article: { id: string; title: string };
  verdict: Verdict;
  approvedAt: string;
  approvedBy: { id: string; name: string };
}

export const groupVerdictSchema = viewSchema<GroupVerdict>()(
  z.object({
    claimId: z.string(),
    article: z.object({ id: z.string(), title: z.string() }),
    verdict: z.enum(VERDICTS),
    approvedAt: z.string(),
    approvedBy: z.object({ id: z.string(), name: z.string() }),
  }),
);

export interface MatchGroupView {
  id: string;
  /** Every claim in the group, this one included. */
  members: { claimId: string; statement: string; verdict: Verdict; status: string; article: { id: string; title: string } }[];
  /** Every approval of a claim in the group, newest first. */
  history: GroupVerdict[];
}

export const matchGroupViewSchema = viewSchema<MatchGroupView>()(
  z.object({
    id: z.string(),
    members: z.array(
      z.object({
        claimId: z.string(),
        statement: z.string(),
        verdict: z.enum(VERDICTS),
        status: z.string(),
        article: z.object({ id: z.string(), title: z.string() }),
      }),
    ),
    history: z.array(groupVerdictSchema),
  }),
);

/** The group the claim belongs to, with its members and verdict history; null when it has none. */
export async function loadMatchGroup(db: Db | Tx, claimId: string): Promise<MatchGroupView | null> {
  const [link] = await db
    .select({ groupId: claimMatchLinks.groupId })
    .from(claimMatchLinks)
    .where(eq(claimMatchLinks.claimId, claimId));
  if (!link) return null;
  const members = await db
    .select({
      claimId: claims.id,
      statement: claims.statement,
      verdict: claims.verdict,
      status: claims.status,
      articleId: articles.id,
      title: articles.title,
    })
    .from(claimMatchLinks)
    .innerJoin(claims, eq(claims.id, claimMatchLinks.claimId))
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .where(eq(claimMatchLinks.groupId, link.groupId))
    .orderBy(claims.createdAt);
  const reviewer = reviewerTable();
  const history = await db
    .select(reviewColumns(reviewer))
    .from(reviews)
    .innerJoin(claims, eq(claims.id, reviews.claimId))
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .innerJoin(reviewer, eq(reviewer.id, reviews.reviewerId))
    .where(
      and(
        eq(reviews.decision, "approve"),
        inArray(
          reviews.claimId,
          members.map((m) => m.claimId),
        ),
      ),
    )
    .orderBy(desc(reviews.at), desc(reviews.id));
  return {
    id: link.groupId,
    members: members.map((m) => ({
      claimId: m.claimId,
      statement: m.statement,
      verdict: m.verdict,
      status: m.status,
      article: { id: m.articleId, title: m.title },
    })),
    history: history.map((h) => ({
      claimId: h.claimId,
      article: { id: h.articleId, title: h.title },
      verdict: h.verdict,
      approvedAt: h.at.toISOString(),
      approvedBy: { id: h.reviewerId, name: h.reviewerName },
    })),
  };
}

/**
 * The latest verdict approved on another claim of this claim's group, when it differs from
 * `verdict`: approving then needs the reviewer's explicit confirmation (review-claim.ts).
 */
export async function differingGroupVerdict(db: Db | Tx, claimId: string, verdict: Verdict): Promise<GroupVerdict | null> {
  const [link] = await db
    .select({ groupId: claimMatchLinks.groupId })
    .from(claimMatchLinks)
    .where(eq(claimMatchLinks.claimId, claimId));
  if (!link) return null;
  const reviewer = reviewerTable();
  const [latest] = await db
    .select(reviewColumns(reviewer))
    .from(reviews)
    .innerJoin(claimMatchLinks, eq(claimMatchLinks.claimId, reviews.claimId))
    .innerJoin(claims, eq(claims.id, reviews.claimId))
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .innerJoin(reviewer, eq(reviewer.id, reviews.reviewerId))
    .where(and(eq(claimMatchLinks.groupId, link.groupId), eq(reviews.decision, "approve"), ne(reviews.claimId, claimId)))
    .orderBy(desc(reviews.at), desc(reviews.id))
    .limit(1);
  if (!latest || latest.verdict === verdict) return null;
  return {
    claimId: latest.claimId,
    article: { id: latest.articleId, title: latest.title },
    verdict: latest.verdict,
    approvedAt: latest.at.toISOString(),
    approvedBy: { id: latest.reviewerId, name: latest.reviewerName },
  };
}

export function describeVerdictDifference(group: GroupVerdict, verdict: Verdict): string {
  return `The same claim was last approved as “${VERDICT_INFO[group.verdict].label}” (in “${group.article.title}”); this claim says “${VERDICT_INFO[verdict].label}”.`;
}

function reviewerTable() {
  return alias(users, "reviewer");
}

/** A review of a group member, with its reviewer's name and its article (history and latest approval). */
function reviewColumns(reviewer: ReturnType<typeof reviewerTable>) {
  return {
    claimId: reviews.claimId,
    verdict: reviews.verdict,
    at: reviews.at,
    reviewerId: reviewer.id,
    reviewerName: reviewer.name,
    articleId: articles.id,
    title: articles.title,
  };
}
