import "server-only";
import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { claimMatchGroups, claimMatchLinks, claims } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { AppError, notFound, parseInput } from "../errors";
import { isUuid } from "../validation";
import { claimFeatures } from "./claim-features";
import { loadMatchGroup, type MatchGroupView } from "./match-group";
import { scoreFeatures } from "./score-match";

export const confirmMatchSchema = z.strictObject({
  /** The earlier claim a person confirmed makes the same claim. */
  matchId: z.uuid("Choose a match from the list."),
});
export type ConfirmMatchInput = z.input<typeof confirmMatchSchema>;

/**
 * A person confirms that two claims make the same claim: they join one group (a new one, the one
 * either is in, or both groups merged). The score and reasons shown are kept with the link, and
 * the confirmation is written to the audit log in the same transaction.
 */
export async function confirmClaimMatch(actor: Actor | null, claimId: string, input: unknown): Promise<MatchGroupView> {
  // Linking changes what the claim's panel, review and report say: whoever may edit the claim may do it.
  const user = await authorize(actor, "claim:write", { type: "claim", id: claimId });
  if (!isUuid(claimId)) throw notFound("The claim");
  const { matchId } = parseInput(confirmMatchSchema, input);
  if (matchId === claimId)
    throw new AppError("validation_failed", "A claim cannot match itself.", { matchId: "Choose another claim." });
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Both rows locked in id order: two people confirming crossing matches cannot deadlock.
    const rows = await tx
      .select({ id: claims.id, statement: claims.statement, exact: claims.exact, claimant: claims.claimant })
      .from(claims)
      .where(inArray(claims.id, [claimId, matchId].sort()))
      .orderBy(claims.id)
      .for("update");
    const claim = rows.find((r) => r.id === claimId);
    const match = rows.find((r) => r.id === matchId);
    if (!claim) throw notFound("The claim");
    if (!match)
      throw new AppError("validation_failed", "That claim no longer exists.", { matchId: "Choose a match from the list." });
    const { score, reasons } = scoreFeatures(claimFeatures(claim), claimFeatures(match));
    const links = await tx
      .select()
      .from(claimMatchLinks)
      .where(inArray(claimMatchLinks.claimId, [claimId, matchId]));
    const mine = links.find((l) => l.claimId === claimId)?.groupId;
    const theirs = links.find((l) => l.claimId === matchId)?.groupId;
    let groupId = mine ?? theirs;
    if (!groupId) {
      const [group] = await tx.insert(claimMatchGroups).values({ createdBy: user.id }).returning({ id: claimMatchGroups.id });
      groupId = group!.id;
    }
    if (mine && theirs && mine !== theirs) {
      // Two groups met: the match's group joins this claim's group.
      await tx.update(claimMatchLinks).set({ groupId: mine }).where(eq(claimMatchLinks.groupId, theirs));
      await tx.delete(claimMatchGroups).where(eq(claimMatchGroups.id, theirs));
    }
    for (const id of [claimId, matchId]) {
      if (links.some((l) => l.claimId === id)) continue;
      await tx.insert(claimMatchLinks).values({ claimId: id, groupId, linkedBy: user.id, score, reasons });
    }
    await recordAudit(tx, {
      actorId: user.id,
      action: "claim.match_confirm",
      targetType: "claim",
      targetId: claimId,
      after: { matchId, groupId, score },
      meta: { reasons: reasons.map((r) => r.text), ...(mine && theirs && mine !== theirs ? { mergedGroup: theirs } : {}) },
    });
    return (await loadMatchGroup(tx, claimId))!;
  });
}
