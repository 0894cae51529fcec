import "server-only";
import { getDb } from "@/lib/database";
import { sources } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { parseInput } from "../errors";
import { toSourceView } from "./claim-view";
import { loadClaimView, markClaimEdited, lockClaim, staleVersion } from "./claim-store";
import { sourceSchema } from "./schemas";
import { type SourceChange, splitVersion } from "./source-change";
import { requestSourceCheck } from "../sources/request-source-check";
import { indexFigureWords } from "../search/figure-terms";

/** Adds a source to a claim: an edit of the claim (new version, four-eyes, re-review), then a check of its link. */
export async function addSource(actor: Actor | null, claimId: string, input: unknown): Promise<SourceChange> {
  const user = await authorize(actor, "claim:write", { type: "claim", id: claimId });
  const { claimVersion, rest } = splitVersion(input);
  const data = parseInput(sourceSchema, rest);
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const claim = await lockClaim(tx, claimId);
    if (claimVersion !== claim.version) return staleVersion(tx, claimId, claimVersion);
    const [row] = await tx
      .insert(sources)
      .values({
        claimId,
        url: data.url,
        title: data.title,
        searchFigures: indexFigureWords(data.title),
        publisher: data.publisher ?? null,
        quote: data.quote ?? null,
        accessedAt: data.accessedAt ?? null,
        kind: data.kind,
        internal: data.internal,
        createdBy: user.id,
      })
      .returning();
    if (!row) throw new Error("insert returned no source");
    await markClaimEdited(tx, claim, user, "Source added");
    const source = toSourceView(row);
    await recordAudit(tx, {
      actorId: user.id,
      action: "source.add",
      targetType: "claim",
      targetId: claimId,
      after: { sourceId: source.id, url: source.url, title: source.title, internal: source.internal },
    });
    return { source, claim: await loadClaimView(tx, claimId) };
  });
  await requestSourceCheck(result.source!.id);
  return result;
}
