import { z } from "zod";
import {
  httpUrl,
  isStorableText,
  longText,
  optionalDate,
  optionalHttpUrl,
  optionalText,
  requiredText,
  versionField,
} from "../validation";
import { CLAIMANT_TYPES, SOURCE_KINDS, VERDICTS } from "@/domain/vocabulary";
import { CLAIM_LIMITS, SOURCE_LIMITS } from "./limits";

export { CLAIM_LIMITS, SOURCE_LIMITS };

const claimFields = {
  claimant: optionalText("Claimant", CLAIM_LIMITS.claimant),
  claimantType: z.enum(CLAIMANT_TYPES, { message: "Claimant type is Person or Organization." }).optional(),
  statement: requiredText("Claim statement", CLAIM_LIMITS.statement).optional(),
  claimDate: optionalDate("Claim date"),
  claimPlace: optionalText("Where the claim was made", CLAIM_LIMITS.claimPlace),
  appearanceUrl: optionalHttpUrl("Appearance URL"),
};

const anchorBySelection = z.strictObject({
  start: z.number().int().min(0, "start is a code-point offset ≥ 0."),
  end: z.number().int().min(1, "end is a code-point offset > start."),
  ...claimFields,
});

const anchorByQuote = z.strictObject({
  exact: z
    .string()
    .min(1, "exact is the quoted text to mark.")
    .max(5000, "A claim quote is at most 5,000 characters.")
    .refine(isStorableText, "exact cannot contain control characters or broken Unicode."),
  prefix: z.string().max(500).refine(isStorableText, "prefix cannot contain control characters.").optional(),
  suffix: z.string().max(500).refine(isStorableText, "suffix cannot contain control characters.").optional(),
  ...claimFields,
});

export const createClaimSchema = z.union([anchorBySelection, anchorByQuote], {
  message: "Send {start, end} in code points, or {exact, prefix?, suffix?}.",
});
export type CreateClaimInput = z.input<typeof createClaimSchema>;

/** Editable fields only; `status`, `approvedBy` and the like are refused, never applied. */
export const updateClaimSchema = z.strictObject({
  version: versionField,
  ...claimFields,
  verdict: z.enum(VERDICTS, { message: "Choose a verdict from the scale." }).optional(),
  rationale: longText('"How we checked"', CLAIM_LIMITS.rationale).optional(),
});
export type UpdateClaimInput = z.input<typeof updateClaimSchema>;

const sourceFields = {
  url: httpUrl("Source URL"),
  title: requiredText("Source title", SOURCE_LIMITS.title),
  publisher: optionalText("Publisher", SOURCE_LIMITS.publisher),
  quote: optionalText("Quoted passage", SOURCE_LIMITS.quote),
  accessedAt: optionalDate("Accessed date"),
  kind: z.enum(SOURCE_KINDS, { message: "A source is primary or secondary." }),
  internal: z.boolean({ message: "internal is true or false." }),
};

export const sourceSchema = z.strictObject({
  ...sourceFields,
  kind: sourceFields.kind.default("secondary"),
  internal: sourceFields.internal.default(false),
});
export type SourceInput = z.input<typeof sourceSchema>;

export const updateSourceSchema = z.strictObject({
  url: sourceFields.url.optional(),
  title: sourceFields.title.optional(),
  publisher: sourceFields.publisher,
  quote: sourceFields.quote,
  accessedAt: sourceFields.accessedAt,
  kind: sourceFields.kind.optional(),
  internal: sourceFields.internal.optional(),
});
export type UpdateSourceInput = z.input<typeof updateSourceSchema>;
