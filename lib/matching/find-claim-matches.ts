import "server-only";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Db, getDb } from "@/lib/database";
import { articleRevisions, articles, claimMatchLinks, claims, users } from "@/db/schema";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import type { Verdict } from "../claims/verdicts";
import { notFound } from "../errors";
import { isUuid } from "../validation";
import type { ClaimStatus } from "../workflow/state-machine";
import { claimFeatures } from "./claim-features";
import {
  describeVerdictDifference,
  differingGroupVerdict,
  type GroupVerdict,
  groupVerdictSchema,
  loadMatchGroup,
  type MatchGroupView,
  matchGroupViewSchema,
} from "./match-group";
import { matchProbe } from "./match-probe";
import { type MatchReason, matchReasonSchema, scoreFeatures } from "./score-match";
import { MATCH_LIMIT, type MatchTier } from "./thresholds";
import { z } from "zod";
import { CLAIM_STATUSES, VERDICTS } from "@/domain/vocabulary";
import { viewSchema } from "../api/view-schema";

/** Candidates scored per claim: enough for the real matches, few enough for ~100 ms at 1M claims. */
const CANDIDATES = 300;

export interface ClaimMatch {
  claim: {
    id: string;
    statement: string;
    claimant: string | null;
    verdict: Verdict;
    status: ClaimStatus;
    createdAt: string;
    approvedAt: string | null;
    revision: number;
  };
  article: { id: string; title: string; slug: string };
  approvedBy: { id: string; name: string } | null;
  score: number;
  tier: MatchTier;
  reasons: MatchReason[];
  /** Already confirmed: in the same group as the claim. */
  linked: boolean;
}

export const claimMatchSchema = viewSchema<ClaimMatch>()(
  z.object({
    claim: z.object({
      id: z.string(),
      statement: z.string(),
      claimant: z.string().nullable(),
      verdict: z.enum(VERDICTS),
      status: z.enum(CLAIM_STATUSES),
      createdAt: z.string(),
      approvedAt: z.string().nullable(),
      revision: z.number().int(),
    }),
    article: z.object({ id: z.string(), title: z.string(), slug: z.string() }),
    approvedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    score: z.number(),
    tier: z.enum(["same", "possible"]),
    reasons: z.array(matchReasonSchema),
    linked: z.boolean(),
  }),
);

export interface ClaimMatches {
  claimId: string;
  matches: ClaimMatch[];
  group: MatchGroupView | null;
  /** The group's latest approved verdict when it differs from this claim's: approving it asks for confirmation. */
  verdictDifference: { group: GroupVerdict; message: string } | null;
}

export const claimMatchesSchema = viewSchema<ClaimMatches>()(
  z.object({
    claimId: z.string(),
    matches: z.array(claimMatchSchema),
    group: matchGroupViewSchema.nullable(),
    verdictDifference: z.object({ group: groupVerdictSchema, message: z.string() }).nullable(),
  }),
);

/** The best-scoring earlier claims (other articles, earlier revisions) for one claim. */
export async function matchClaim(db: Db, claimId: string): Promise<ClaimMatch[]> {
  const [claim] = await db
    .select({ statement: claims.statement, exact: claims.exact, claimant: claims.claimant })
    .from(claims)
    .where(eq(claims.id, claimId));
  if (!claim) throw notFound("The claim");
  const features = claimFeatures(claim);
  const probe = matchProbe(features);
  if (!probe) return [];
  const candidates = await db
    .select({ id: claims.id, statement: claims.statement, exact: claims.exact, claimant: claims.claimant })
    .from(claims)
    .where(and(sql`${claims.searchVector} @@ to_tsquery('english', ${probe})`, ne(claims.id, claimId)))
    .limit(CANDIDATES);
  const scored = candidates
    .map((c) => ({ id: c.id, ...scoreFeatures(features, claimFeatures(c)) }))
    .filter((c): c is typeof c & { tier: MatchTier } => c.tier !== null)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
    .slice(0, MATCH_LIMIT);
  if (scored.length === 0) return [];
  const approver = alias(users, "approver");
  const ownLink = alias(claimMatchLinks, "own_link");
  const rows = await db
    .select({
      id: claims.id,
      statement: claims.statement,
      claimant: claims.claimant,
      verdict: claims.verdict,
      status: claims.status,
      createdAt: claims.createdAt,
      approvedAt: claims.approvedAt,
      revision: articleRevisions.number,
      articleId: articles.id,
      title: articles.title,
      slug: articles.slug,
      approverId: approver.id,
      approverName: approver.name,
      linked: sql<boolean>`${ownLink.groupId} is not null and ${ownLink.groupId} = ${claimMatchLinks.groupId}`,
    })
    .from(claims)
    .innerJoin(articles, eq(articles.id, claims.articleId))
    .innerJoin(articleRevisions, eq(articleRevisions.id, claims.anchorRevisionId))
    .leftJoin(approver, eq(approver.id, claims.approvedBy))
    .leftJoin(claimMatchLinks, eq(claimMatchLinks.claimId, claims.id))
    .leftJoin(ownLink, eq(ownLink.claimId, claimId))
    .where(
      inArray(
        claims.id,
        scored.map((s) => s.id),
      ),
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return scored.flatMap((s) => {
    const r = byId.get(s.id);
    if (!r) return [];
    return [
      {
        claim: {
          id: r.id,
          statement: r.statement,
          claimant: r.claimant,
          verdict: r.verdict,
          status: r.status,
          createdAt: r.createdAt.toISOString(),
          approvedAt: r.approvedAt?.toISOString() ?? null,
          revision: r.revision,
        },
        article: { id: r.articleId, title: r.title, slug: r.slug },
        approvedBy: r.approverId && r.approverName ? { id: r.approverId, name: r.approverName } : null,
        score: s.score,
        tier: s.tier,
        reasons: s.reasons,
        linked: Boolean(r.linked),
      },
    ];
  });
}

/**
 * Earlier claims that make the same claim as this one, each with its verdict, date, article, who
 * approved it, a score and why it matched; and the group of confirmed matches it belongs to.
 */
export async function findClaimMatches(actor: Actor | null, claimId: string): Promise<ClaimMatches> {
  await authorize(actor, "claim:read", { type: "claim", id: claimId });
  if (!isUuid(claimId)) throw notFound("The claim");
  const db = await getDb();
  const matches = await matchClaim(db, claimId);
  const [own] = await db.select({ verdict: claims.verdict }).from(claims).where(eq(claims.id, claimId));
  const differing = own ? await differingGroupVerdict(db, claimId, own.verdict) : null;
  return {
    claimId,
    matches,
    group: await loadMatchGroup(db, claimId),
    verdictDifference: differing && own ? { group: differing, message: describeVerdictDifference(differing, own.verdict) } : null,
  };
}
