import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { articles, claims } from "@/db/schema";
import type { AnchorState, ClaimStatus } from "@/domain/vocabulary";
import { authorize } from "../auth/authorize";
import { type Actor, can } from "../auth/permissions";
import type { Verdict } from "../claims/verdicts";
import { parseInput } from "../errors";
import { ATTENTION_ANCHOR_STATES } from "./claim-rules";
import { countWaiting, listReviewQueue, type QueueItem } from "./list-queue";
import { type MyWorkInput, myWorkSchema } from "./schemas";

/** The groups of an editor's home: the four statuses, then the claims whose text changed under them. */
export type MyWorkGroupKey = ClaimStatus | "text_changed";

export interface MyWorkClaim {
  claimId: string;
  statement: string;
  article: { id: string; title: string };
  verdict: Verdict;
  status: ClaimStatus;
  anchorState: AnchorState;
  /** Why it needs attention (a reviewer's reason, the revision that changed its text). */
  statusReason: string | null;
  updatedAt: string;
}

export interface MyWorkGroup {
  key: MyWorkGroupKey;
  /** How many of the reader's claims are in this group, counted up to MY_WORK_COUNT_CAP. */
  count: number;
  /** True when there are more than `count` (the count stopped at the cap). */
  more: boolean;
  /** The latest `limit` of them, most recently changed first. */
  latest: MyWorkClaim[];
  /** The whole group as a filtered list (Search), where the desk has one. */
  listHref: string | null;
}

export interface MyWork {
  /** The reader's own claims (those they created), for roles that write claims. */
  editor: { groups: MyWorkGroup[] } | null;
  /** The review queue's counters and the claims assigned to the reader, for roles that review. */
  reviewer: { waiting: number; assignedToMe: number; assigned: QueueItem[]; queueHref: string; assignedHref: string } | null;
}

export const MY_WORK_GROUPS: readonly MyWorkGroupKey[] = ["draft", "in_review", "changes_requested", "approved", "text_changed"];

/** Counting stops here ("1,000+"): the home page costs the same for a desk's busiest editor. */
export const MY_WORK_COUNT_CAP = 1000;

// Literal, not bound: the planner uses claims_created_by_text_changed_idx only when it sees this predicate.
const TEXT_CHANGED = sql`${claims.anchorState} in (${sql.raw(ATTENTION_ANCHOR_STATES.map((s) => `'${s}'`).join(", "))})`;

/**
 * The home page of whoever asks, bounded whatever the desk's size: per group, a count that stops at
 * MY_WORK_COUNT_CAP (index-only on claims_created_by_status_idx, or the partial text-changed index)
 * and the latest few claims.
 */
export async function getMyWork(actor: Actor | null, input: MyWorkInput = {}): Promise<MyWork> {
  const user = await authorize(actor, "claim:read", { type: "claim" });
  const { limit } = parseInput(myWorkSchema, input);
  const db = await getDb();

  let editor: MyWork["editor"] = null;
  if (can(user, "claim:submit")) {
    const mine = eq(claims.createdBy, user.id);
    const inGroup = (key: MyWorkGroupKey) => (key === "text_changed" ? TEXT_CHANGED : sql`${claims.status} = ${key}`);
    const countUpToCap = async (key: MyWorkGroupKey) => {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(sql`(select 1 from ${claims} where ${and(mine, inGroup(key))} limit ${MY_WORK_COUNT_CAP + 1}) as capped`);
      return Number(row?.n ?? 0);
    };

    const latest = (where: SQL) =>
      db
        .select({
          claimId: claims.id,
          statement: claims.statement,
          articleId: claims.articleId,
          articleTitle: articles.title,
          verdict: claims.verdict,
          status: claims.status,
          anchorState: claims.anchorState,
          statusReason: claims.statusReason,
          updatedAt: claims.updatedAt,
        })
        .from(claims)
        .innerJoin(articles, eq(articles.id, claims.articleId))
        .where(and(mine, where))
        .orderBy(desc(claims.updatedAt), desc(claims.id))
        .limit(limit);

    const groups: MyWorkGroup[] = [];
    for (const key of MY_WORK_GROUPS) {
      const counted = await countUpToCap(key);
      const rows = counted === 0 ? [] : await latest(inGroup(key));
      groups.push({
        key,
        count: Math.min(counted, MY_WORK_COUNT_CAP),
        more: counted > MY_WORK_COUNT_CAP,
        latest: rows.map((r) => ({
          claimId: r.claimId,
          statement: r.statement,
          article: { id: r.articleId, title: r.articleTitle },
          verdict: r.verdict,
          status: r.status,
          anchorState: r.anchorState,
          statusReason: r.statusReason,
          updatedAt: r.updatedAt.toISOString(),
        })),
        listHref:
          key === "text_changed" ? null : `/search?${new URLSearchParams({ kind: "claims", status: key, editor: user.id })}`,
      });
    }
    editor = { groups };
  }

  let reviewer: MyWork["reviewer"] = null;
  if (can(user, "queue:read")) {
    const counters = await countWaiting(user);
    const assigned = counters.assignedToMe > 0 ? (await listReviewQueue(user, { assigned: "me", limit })).items : [];
    reviewer = { ...counters, assigned, queueHref: "/queue", assignedHref: "/queue?assigned=me" };
  }
  return { editor, reviewer };
}
