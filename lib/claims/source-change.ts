/**
 * What the three source use cases (add-source.ts, update-source.ts, remove-source.ts) share: their
 * bodies carry the claim version the editor was looking at, and they answer with the source and
 * the claim as it now stands.
 */
import { z } from "zod";
import { parseInput } from "../errors";
import type { ClaimView, SourceView } from "./claim-view";
import { sourceSchema, updateSourceSchema } from "./schemas";

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

/** Takes the claim version out of a body, so that the rest parses with the source's own schema. */
export function splitVersion(input: unknown): { claimVersion: number; rest: unknown } {
  const isObject = Boolean(input) && typeof input === "object" && !Array.isArray(input);
  const { claimVersion, ...rest } = isObject ? (input as Record<string, unknown>) : {};
  const parsed = parseInput(z.object({ claimVersion: claimVersionField }), { claimVersion });
  return { claimVersion: parsed.claimVersion, rest: isObject ? rest : input };
}
