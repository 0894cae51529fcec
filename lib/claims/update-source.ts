import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { sources } from "@/db/schema";
import { diffFields, recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { notFound, parseInput } from "../errors";
import { toSourceView } from "./claim-view";
import { loadClaimView, markClaimEdited, lockClaim, staleVersion } from "./claim-store";
import { updateSourceSchema } from "./schemas";
import { type SourceChange, splitVersion } from "./source-change";
import { isUuid } from "../validation";
import { requestSourceCheck } from "../sources/request-source-check";
import { indexFigureWords } from "../search/figure-terms";

/** Edits a source of a claim: an edit of the claim; a new link is checked again. */
export async function updateSource(
  actor: Actor | null,
  claimId: string,
  sourceId: string,
  input: unknown,
): Promise<SourceChange> {
  const user = await authorize(actor, "claim:write", { type: "claim", id: claimId });
  const { claimVersion, rest } = splitVersion(input);
  const data = parseInput(updateSourceSchema, rest);
  if (!isUuid(sourceId)) throw notFound("The source");
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const claim = await lockClaim(tx, claimId);
    if (claimVersion !== claim.version) return staleVersion(tx, claimId, claimVersion);
    const [current] = await tx
      .select()
      .from(sources)
      .where(and(eq(sources.id, sourceId), eq(sources.claimId, claimId)));
    if (!current) throw notFound("The source");
    const changes = diffFields(current as unknown as Record<string, unknown>, data);
    if (!changes) return { source: toSourceView(current), claim: await loadClaimView(tx, claimId) };
    const [row] = await tx
      .update(sources)
      .set({
        ...changes.after,
        ...("title" in changes.after ? { searchFigures: indexFigureWords(String(changes.after.title)) } : {}),
        updatedAt: new Date(),
      })
      .where(eq(sources.id, sourceId))
      .returning();
    await markClaimEdited(tx, claim, user, "Source edited");
    await recordAudit(tx, {
      actorId: user.id,
      action: "source.update",
      targetType: "claim",
      targetId: claimId,
      before: { sourceId, ...changes.before },
      after: { sourceId, ...changes.after },
    });
    return {
      source: row ? toSourceView(row) : null,
      claim: await loadClaimView(tx, claimId),
      urlChanged: "url" in changes.after,
    };
  });
  if (result.urlChanged) await requestSourceCheck(sourceId);
  return { source: result.source, claim: result.claim };
}
