import "server-only";
import { getDb } from "@/lib/database";
import { diffFields } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { notFound, parseInput } from "../errors";
import { inferClaimantType } from "./claimant-type";
import type { ClaimView } from "./claim-view";
import { claimViewOf, editEffects, lockClaimForEdit, staleVersion } from "./claim-store";
import { updateClaimSchema } from "./schemas";
import { writeClaimEdit } from "./claim-edit-write";
import { claimFigureWords } from "../search/figure-terms";
import { writeClaimFigures } from "../claim-figures/claim-figure-store";

const REVIEWED_FIELDS = ["verdict", "statement", "rationale"] as const;

export async function updateClaim(actor: Actor | null, claimId: string, input: unknown): Promise<ClaimView> {
  const user = await authorize(actor, "claim:write", { type: "claim", id: claimId });
  const data = parseInput(updateClaimSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    // The claim, locked, with what its view needs; after the write the UPDATE returns the row as
    // stored, so the view is built without reading the claim again (issue 13: fewer statements).
    const { claim, revision, names, sources, figures } = await lockClaimForEdit(tx, claimId);
    if (claim.version !== data.version) return staleVersion(tx, claimId, data.version);
    const { version: _sent, ...fields } = data;
    // A type nobody chose (it is still what the old name looks like) follows a new name; a type
    // someone set against the guess stays.
    if (
      fields.claimant !== undefined &&
      fields.claimantType === undefined &&
      claim.claimantType === inferClaimantType(claim.claimant)
    ) {
      fields.claimantType = inferClaimantType(fields.claimant);
    }
    const changes = diffFields(claim as unknown as Record<string, unknown>, fields);
    if (!changes) return claimViewOf(tx, claim, revision, names, true, { sources, figures });
    const reviewedChanged = REVIEWED_FIELDS.some((f) => f in changes.after);
    const effects = editEffects(claim, user, reviewedChanged, "Edited");
    // The UPDATE and its audit row in one statement (one round trip; same transaction).
    const updated = await writeClaimEdit(
      tx,
      claim,
      { ...changes.after, ...effects, searchFigures: claimFigureWords({ ...claim, ...changes.after }) },
      {
        actorId: user.id,
        action: "claim.update",
        targetType: "claim",
        targetId: claimId,
        before: changes.before,
        after: changes.after,
        meta: { version: effects.version, ...(effects.status ? { backToReview: true } : {}) },
      },
    );
    const statementChanged = "statement" in changes.after;
    if (statementChanged) await writeClaimFigures(tx, claimId, { ...claim, ...changes.after });
    if (!updated) throw notFound("The claim");
    // Sources are untouched here; figures were rewritten if the statement changed (read again then).
    return claimViewOf(tx, updated, revision, names, true, { sources, figures: statementChanged ? undefined : figures });
  });
}
