import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { claims, sources } from "@/db/schema";
import { diffFields, recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { notFound, parseInput } from "../errors";
import type { ClaimView, SourceView } from "./claim-view";
import { toSourceView } from "./claim-view";
import { editEffects, loadClaimView, lockClaim, staleVersion } from "./claim-store";
import { sourceSchema, updateSourceSchema } from "./schemas";
import { isUuid } from "../validation";
import { requestSourceCheck } from "../sources/request-source-check";
import { indexFigureWords } from "../search/figure-terms";

/**
 * The claim version a source change was based on. Required: sources back the verdict, so a change
 * is an edit of the claim and, like any other, is a 409 on a stale claim.
 */
const claimVersionField = z.number({ message: "claimVersion must be the version of the claim you edited." }).int().min(1);

/** The body of a source change: the source's fields and the claim version the editor was looking at. */
export const addSourceSchema = sourceSchema.extend({ claimVersion: claimVersionField });
export const updateSourceBodySchema = updateSourceSchema.extend({ claimVersion: claimVersionField });
export const removeSourceSchema = z.strictObject({ claimVersion: claimVersionField });

export interface SourceChange {
  source: SourceView | null;
  claim: ClaimView;
}

/** Sources back the verdict: a change is an edit of the claim (new version, four-eyes, re-review). */
function splitVersion(input: unknown): { claimVersion: number; rest: unknown } {
  const isObject = Boolean(input) && typeof input === "object" && !Array.isArray(input);
  const { claimVersion, ...rest } = isObject ? (input as Record<string, unknown>) : {};
  const parsed = parseInput(z.object({ claimVersion: claimVersionField }), { claimVersion });
  return { claimVersion: parsed.claimVersion, rest: isObject ? rest : input };
}

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
    await tx
      .update(claims)
      .set(editEffects(claim, user, true, "Source added"))
      .where(eq(claims.id, claimId));
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
    await tx
      .update(claims)
      .set(editEffects(claim, user, true, "Source edited"))
      .where(eq(claims.id, claimId));
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
    await tx
      .update(claims)
      .set(editEffects(claim, user, true, "Source removed"))
      .where(eq(claims.id, claimId));
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
