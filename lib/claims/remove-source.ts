import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { sources } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { notFound, parseInput } from "../errors";
import { loadClaimView, markClaimEdited, lockClaim, staleVersion } from "./claim-store";
import { removeSourceSchema, type SourceChange } from "./source-change";
import { isUuid } from "../validation";

/** Removes a source from a claim: an edit of the claim (new version, four-eyes, re-review). */
export async function removeSource(
  actor: Actor | null,
  claimId: string,
  sourceId: string,
  input: unknown,
): Promise<SourceChange> {
  const user = await authorize(actor, "claim:write", { type: "claim", id: claimId });
  const { claimVersion } = parseInput(removeSourceSchema, input ?? {});
  if (!isUuid(sourceId)) throw notFound("The source");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const claim = await lockClaim(tx, claimId);
    if (claimVersion !== claim.version) return staleVersion(tx, claimId, claimVersion);
    const [removed] = await tx
      .delete(sources)
      .where(and(eq(sources.id, sourceId), eq(sources.claimId, claimId)))
      .returning();
    if (!removed) throw notFound("The source");
    await markClaimEdited(tx, claim, user, "Source removed");
    await recordAudit(tx, {
      actorId: user.id,
      action: "source.remove",
      targetType: "claim",
      targetId: claimId,
      before: {
        sourceId,
        url: removed.url,
        title: removed.title,
        publisher: removed.publisher,
        quote: removed.quote,
        internal: removed.internal,
      },
    });
    return { source: null, claim: await loadClaimView(tx, claimId) };
  });
}
