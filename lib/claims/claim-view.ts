import type { ClaimRow, SourceRow } from "@/db/schema";
import { z } from "zod";
import { ANCHOR_STATES, CLAIM_STATUSES, CLAIMANT_TYPES, SOURCE_KINDS, VERDICTS } from "@/domain/vocabulary";
import { viewSchema } from "../api/view-schema";
import { type ClaimFigureView, claimFigureViewSchema } from "../claim-figures/figure-rows";
import { type SourceHealth, sourceHealthSchema } from "../sources/source-health-view";
import type { Verdict } from "./verdicts";

export interface SourceView {
  id: string;
  claimId: string;
  url: string;
  title: string;
  publisher: string | null;
  quote: string | null;
  accessedAt: string | null;
  kind: "primary" | "secondary";
  internal: boolean;
  createdAt: string;
  updatedAt: string;
  /** What the latest link check found ("link broken", "content changed since you cited it"). */
  health?: SourceHealth;
}

export const sourceViewSchema = viewSchema<SourceView>()(
  z.object({
    id: z.string(),
    claimId: z.string(),
    url: z.string(),
    title: z.string(),
    publisher: z.string().nullable(),
    quote: z.string().nullable(),
    accessedAt: z.string().nullable(),
    kind: z.enum(SOURCE_KINDS),
    internal: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    health: sourceHealthSchema.optional(),
  }),
);

export interface ClaimView {
  id: string;
  articleId: string;
  exact: string;
  prefix: string;
  suffix: string;
  /** Code points into the canonical text of `revision`. */
  start: number;
  end: number;
  revision: number;
  anchorState: ClaimRow["anchorState"];
  /** The text now under the claim when it no longer equals `exact`. */
  anchorText: string | null;
  claimant: string | null;
  claimantType: "Person" | "Organization";
  statement: string;
  claimDate: string | null;
  claimPlace: string | null;
  appearanceUrl: string | null;
  verdict: Verdict;
  rationale: string;
  status: ClaimRow["status"];
  statusReason: string | null;
  version: number;
  createdBy: string;
  /** The creator's display name now (pages need not look it up in the audit trail). */
  createdByName: string;
  updatedBy: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  approvedVersion: number | null;
  assignedReviewerId: string | null;
  /** The assigned reviewer's display name now; null when nobody is assigned. */
  assignedReviewerName: string | null;
  /** Users barred from approving it (four-eyes rule): creator and editors since approval. */
  editorsSinceApproval: string[];
  /** Changes requested only: whether anything changed since the request (see changedSinceRequest). */
  changedSinceRequest?: boolean;
  /** Verdicts expire (lib/recheck/): YYYY-MM-DD; set at approval, changeable by the editor. */
  recheckBy?: string | null;
  /** ISO: when the daily job found the date passed (null: not due). */
  recheckDueAt?: string | null;
  lastRecheckedAt?: string | null;
  lastRecheckOutcome?: "unchanged" | "corrected" | null;
  sources?: SourceView[];
  /** The figures of the marked text and of the statement (issue 12), as stored in claim_figures. */
  figures?: ClaimFigureView[];
}

/** The claim as the JSON API answers it (docs/api.md, "Claims"). */
export const claimViewSchema = viewSchema<ClaimView>()(
  z.object({
    id: z.string(),
    articleId: z.string(),
    exact: z.string(),
    prefix: z.string(),
    suffix: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    revision: z.number().int(),
    anchorState: z.enum(ANCHOR_STATES),
    anchorText: z.string().nullable(),
    claimant: z.string().nullable(),
    claimantType: z.enum(CLAIMANT_TYPES),
    statement: z.string(),
    claimDate: z.string().nullable(),
    claimPlace: z.string().nullable(),
    appearanceUrl: z.string().nullable(),
    verdict: z.enum(VERDICTS),
    rationale: z.string(),
    status: z.enum(CLAIM_STATUSES),
    statusReason: z.string().nullable(),
    version: z.number().int(),
    createdBy: z.string(),
    createdByName: z.string(),
    updatedBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    submittedAt: z.string().nullable(),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    approvedVersion: z.number().int().nullable(),
    assignedReviewerId: z.string().nullable(),
    assignedReviewerName: z.string().nullable(),
    editorsSinceApproval: z.array(z.string()),
    changedSinceRequest: z.boolean().optional(),
    recheckBy: z.string().nullable().optional(),
    recheckDueAt: z.string().nullable().optional(),
    lastRecheckedAt: z.string().nullable().optional(),
    lastRecheckOutcome: z.enum(["unchanged", "corrected"]).nullable().optional(),
    sources: z.array(sourceViewSchema).optional(),
    figures: z.array(claimFigureViewSchema).optional(),
  }),
);

/** What a source view is made of. */
export type ClaimSource = Pick<
  SourceRow,
  "id" | "claimId" | "url" | "title" | "publisher" | "quote" | "accessedAt" | "kind" | "internal" | "createdAt" | "updatedAt"
>;

export function toSourceView(row: ClaimSource): SourceView {
  return {
    id: row.id,
    claimId: row.claimId,
    url: row.url,
    title: row.title,
    publisher: row.publisher,
    quote: row.quote,
    accessedAt: row.accessedAt,
    kind: row.kind,
    internal: row.internal,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The names a claim view carries beside the ids, selected with the claim row (claim-store.ts). */
export interface ClaimNames {
  createdByName: string;
  assignedReviewerName: string | null;
}

/** A claim row as the use cases read it: every column but the full-text document. */
export type ClaimFields = Omit<ClaimRow, "searchVector">;

export function toClaimView(row: ClaimFields, revision: number, names: ClaimNames, sources?: ClaimSource[]): ClaimView {
  return {
    id: row.id,
    articleId: row.articleId,
    exact: row.exact,
    prefix: row.prefix,
    suffix: row.suffix,
    start: row.startCp,
    end: row.endCp,
    revision,
    anchorState: row.anchorState,
    anchorText: row.anchorText,
    claimant: row.claimant,
    claimantType: row.claimantType,
    statement: row.statement,
    claimDate: row.claimDate,
    claimPlace: row.claimPlace,
    appearanceUrl: row.appearanceUrl,
    verdict: row.verdict,
    rationale: row.rationale,
    status: row.status,
    statusReason: row.statusReason,
    version: row.version,
    createdBy: row.createdBy,
    createdByName: names.createdByName,
    updatedBy: row.updatedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    approvedBy: row.approvedBy,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    approvedVersion: row.approvedVersion,
    assignedReviewerId: row.assignedReviewerId,
    assignedReviewerName: row.assignedReviewerId ? names.assignedReviewerName : null,
    editorsSinceApproval: row.editorsSinceApproval,
    recheckBy: row.recheckBy,
    recheckDueAt: row.recheckDueAt?.toISOString() ?? null,
    lastRecheckedAt: row.lastRecheckedAt?.toISOString() ?? null,
    lastRecheckOutcome: row.lastRecheckOutcome,
    ...(sources ? { sources: sources.map(toSourceView) } : {}),
  };
}
