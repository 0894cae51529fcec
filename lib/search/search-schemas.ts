/**
 * What a desk search takes (the query, its filters and their limits) and what it answers (claim and
 * article hits with highlighted passages): the zod schemas the use case (search-desk.ts), the API
 * reference and the search forms share.
 */
import { z } from "zod";
import { VERDICTS, type Verdict } from "../claims/verdicts";
import { isStorableText } from "../validation";
import { CLAIM_STATUSES, type ClaimStatus } from "../workflow/state-machine";
import { type Segment, segmentSchema } from "./highlight";
import { viewSchema } from "../api/view-schema";

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** Longest search words and claimant, in characters: the schema below and the search forms' `maxLength`. */
export const SEARCH_LIMITS = { q: 300, claimant: 200 } as const;

export const searchSchema = z
  .strictObject({
    /** Words, "a phrase", -excluded, or: websearch syntax. Figures match in any spelling. */
    q: z
      .string()
      .trim()
      .max(SEARCH_LIMITS.q, `Search for at most ${SEARCH_LIMITS.q} characters.`)
      .refine(isStorableText, "Search words cannot contain control characters or broken Unicode.")
      .default(""),
    verdict: optional(z.enum(VERDICTS, "Not a verdict.")),
    status: optional(z.enum(CLAIM_STATUSES, "Not a claim status.")),
    claimant: optional(
      z
        .string()
        .trim()
        .max(SEARCH_LIMITS.claimant, `At most ${SEARCH_LIMITS.claimant} characters.`)
        .refine(isStorableText, "No control characters or broken Unicode."),
    ),
    article: optional(z.uuid("Not an article id.")),
    editor: optional(z.uuid("Not a user id.")),
    from: optional(z.iso.date("A date as YYYY-MM-DD.")),
    to: optional(z.iso.date("A date as YYYY-MM-DD.")),
    kind: optional(z.enum(["claims", "articles"], "claims or articles.")),
    claimsAfter: optional(z.string().max(200)),
    articlesAfter: optional(z.string().max(200)),
    limit: z.preprocess(
      blankToUndefined,
      z.coerce.number().int().min(1, "limit is 1 to 50.").max(50, "limit is 1 to 50.").default(20),
    ),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "The start date is after the end date.", path: ["to"] });

export type SearchInput = z.input<typeof searchSchema>;

export interface ClaimHit {
  claim: {
    id: string;
    articleId: string;
    statement: string;
    claimant: string | null;
    verdict: Verdict;
    status: ClaimStatus;
    createdAt: string;
    editor: { id: string; name: string };
  };
  article: { id: string; title: string; slug: string };
  /** Each searched field that contains a match, as highlighted segments. */
  highlights: Partial<Record<"statement" | "claimant" | "exact" | "rationale", Segment[]>>;
  /** The claim's sources that matched (internal ones only for those allowed to see them). */
  sources: { id: string; title: Segment[]; publisher: string | null; url: string; internal: boolean }[];
}

export const claimHitSchema = viewSchema<ClaimHit>()(
  z.object({
    claim: z.object({
      id: z.string(),
      articleId: z.string(),
      statement: z.string(),
      claimant: z.string().nullable(),
      verdict: z.enum(VERDICTS),
      status: z.enum(CLAIM_STATUSES),
      createdAt: z.string(),
      editor: z.object({ id: z.string(), name: z.string() }),
    }),
    article: z.object({ id: z.string(), title: z.string(), slug: z.string() }),
    highlights: z.partialRecord(z.enum(["statement", "claimant", "exact", "rationale"]), z.array(segmentSchema)),
    sources: z.array(
      z.object({
        id: z.string(),
        title: z.array(segmentSchema),
        publisher: z.string().nullable(),
        url: z.string(),
        internal: z.boolean(),
      }),
    ),
  }),
);

export interface ArticleHit {
  article: { id: string; title: string; slug: string; createdAt: string };
  title: Segment[];
  /** Passages of the current text around the matches; empty when only the title matched. */
  excerpt: Segment[];
}

export const articleHitSchema = viewSchema<ArticleHit>()(
  z.object({
    article: z.object({ id: z.string(), title: z.string(), slug: z.string(), createdAt: z.string() }),
    title: z.array(segmentSchema),
    excerpt: z.array(segmentSchema),
  }),
);

export interface SearchResult {
  query: { q: string; filters: Record<string, string> };
  claims: { results: ClaimHit[]; next: string | null };
  /** Articles whose title or current text match; not searched when a claim-only filter is set. */
  articles: { results: ArticleHit[]; next: string | null; searched: boolean };
}

export const searchResultSchema = viewSchema<SearchResult>()(
  z.object({
    query: z.object({ q: z.string(), filters: z.record(z.string(), z.string()) }),
    claims: z.object({ results: z.array(claimHitSchema), next: z.string().nullable() }),
    articles: z.object({ results: z.array(articleHitSchema), next: z.string().nullable(), searched: z.boolean() }),
  }),
);
