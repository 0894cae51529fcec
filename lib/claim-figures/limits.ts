/**
 * A figure's readings as the correction form and its schema (lib/claim-figures/schemas.ts) bound
 * them. Without zod, so that the claim panel's browser code can read them without the schema.
 */

/** The multipliers a figure's words can give ("thousand", "m", "bn", "tn"). */
export const FIGURE_SCALES = [1, 1e3, 1e6, 1e9, 1e12] as const;

/** Longest figure readings, in characters: the schema and the correction form's `maxLength`. */
export const FIGURE_LIMITS = { unit: 40, period: 200, place: 200, subject: 200 } as const;
