/**
 * Longest claim and source fields, in characters: the schemas (lib/claims/schemas.ts) and the forms'
 * `maxLength`. A module of its own, without zod, so that the claim panel's browser code can read
 * the limits without shipping the schemas.
 */
export const CLAIM_LIMITS = { claimant: 200, statement: 1000, claimPlace: 300, rationale: 10_000 } as const;
export const SOURCE_LIMITS = { title: 500, publisher: 200, quote: 5000 } as const;
