/**
 * A claim's figures as stored rows (claim_figures) and as the panel shows them. Pure: the same
 * texts always give the same rows, so the write path, the warnings and the unit tests agree.
 */
import { z } from "zod";
import { FIGURE_ORIGINS, FIGURE_QUALIFIERS, FIGURE_UNIT_KINDS, type FigureOrigin } from "@/domain/vocabulary";
import { viewSchema } from "../api/view-schema";
import {
  extractFigures,
  type FigureCore,
  type FigureQualifier,
  type FigureUnitKind,
  normaliseFigure,
  subjectKey,
} from "../figures";

/** What the panel, the API and the JSON report show of one stored figure. */
export interface ClaimFigureView {
  id: string;
  origin: FigureOrigin;
  position: number;
  /** The words it was read from. */
  text: string;
  value: number;
  scale: number;
  unit: string | null;
  unitKind: FigureUnitKind;
  /** ISO 4217 code for money ("GBP"), else null. */
  currency: string | null;
  qualifier: FigureQualifier | null;
  approximate: boolean;
  period: string | null;
  place: string | null;
  subject: string | null;
  /** An editor corrected it: extraction keeps it while its words are in the text. */
  edited: boolean;
}

export const claimFigureViewSchema = viewSchema<ClaimFigureView>()(
  z.object({
    id: z.string(),
    origin: z.enum(FIGURE_ORIGINS),
    position: z.number().int(),
    text: z.string(),
    value: z.number(),
    scale: z.number(),
    unit: z.string().nullable(),
    unitKind: z.enum(FIGURE_UNIT_KINDS),
    currency: z.string().nullable(),
    qualifier: z.enum(FIGURE_QUALIFIERS).nullable(),
    approximate: z.boolean(),
    period: z.string().nullable(),
    place: z.string().nullable(),
    subject: z.string().nullable(),
    edited: z.boolean(),
  }),
);

/** The columns of a row that lib/figures derives from a figure (what an override recomputes too). */
export interface FigureFacts extends FigureCore {
  text: string;
  period: string | null;
  place: string | null;
  subject: string | null;
}

/**
 * Only the reading of a figure, out of anything that carries one (an extracted figure, a stored
 * one): what a row stores and what the audit row of a correction keeps before and after.
 */
export function figureFacts(f: FigureFacts): FigureFacts {
  return {
    text: f.text,
    value: f.value,
    scale: f.scale,
    unit: f.unit,
    unitKind: f.unitKind,
    qualifier: f.qualifier,
    approximate: f.approximate,
    period: f.period,
    place: f.place,
    subject: f.subject,
  };
}

export interface DerivedColumns {
  currency: string | null;
  subjectKey: string | null;
  baseUnit: string | null;
  amount: number;
  low: number | null;
  high: number | null;
}

/** The comparable columns: base unit, amount, interval (±∞ stored as null), subject key, currency. */
export function derivedColumns(figure: FigureFacts): DerivedColumns {
  const n = normaliseFigure(figure);
  return {
    currency: figure.unitKind === "currency" ? n.baseUnit : null,
    subjectKey: subjectKey(figure.subject),
    baseUnit: n.baseUnit,
    amount: n.amount,
    low: Number.isFinite(n.low) ? n.low : null,
    high: Number.isFinite(n.high) ? n.high : null,
  };
}

export interface ExtractedRow extends FigureFacts, DerivedColumns {
  origin: FigureOrigin;
  position: number;
}

/** The figures of one text of a claim, as rows to insert. */
export function extractedRows(origin: FigureOrigin, text: string): ExtractedRow[] {
  return extractFigures(text).map((f, position) => {
    const facts: FigureFacts = { ...figureFacts(f), text: f.text.slice(0, 500) };
    return { origin, position, ...facts, ...derivedColumns(facts) };
  });
}

/** The text of a claim that its "marked text" figures are read from: what the article says now. */
export function markedTextOf(claim: { exact: string; anchorText: string | null }): string {
  return claim.anchorText ?? claim.exact;
}

export interface OverrideRef {
  origin: FigureOrigin;
  text: string;
}

/**
 * Which rows a rewrite keeps and inserts: overrides whose words are still in their text stay (and
 * hide the extracted figure of the same words); overrides whose words are gone go with them.
 */
export function planFigureRewrite<O extends OverrideRef>(
  texts: Record<FigureOrigin, string>,
  overrides: readonly O[],
): { keep: O[]; drop: O[]; insert: ExtractedRow[] } {
  const keep = overrides.filter((o) => texts[o.origin].includes(o.text));
  const drop = overrides.filter((o) => !keep.includes(o));
  const covered = new Set(keep.map((o) => `${o.origin}\u0000${o.text}`));
  const insert = (["text", "statement"] as const)
    .flatMap((origin) => extractedRows(origin, texts[origin]))
    .filter((row) => !covered.has(`${row.origin}\u0000${row.text}`));
  return { keep, drop, insert };
}
