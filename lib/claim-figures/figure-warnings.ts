/**
 * Consistency warnings on a claim's figures (issue 12), shown on the claim panel and the review
 * page and confirmed by a reviewer who approves over them. Pure: the two checks that need only the
 * claim's own texts live here; the check against other approved claims is a database lookup
 * (find-figure-conflicts.ts) whose rows are turned into warnings here too.
 */
import { compareFigures, extractFigures, type FigureCore } from "../figures";

/** What a figure needs for these checks: its reading, its words and its context. */
export interface CheckedFigure extends FigureCore {
  text: string;
  subject: string | null;
  place: string | null;
  period: string | null;
}

export type FigureWarning =
  | { kind: "statement"; key: string; message: string; statement: string; text: string[] }
  | {
      kind: "text-changed";
      key: string;
      message: string;
      changes: { from: string | null; to: string | null }[];
      since: "approval" | "marking";
    }
  | {
      kind: "other-claim";
      key: string;
      message: string;
      claimId: string;
      articleId: string;
      articleTitle: string;
      statement: string;
      /** The other claim's figure and this claim's, as written. */
      theirs: string;
      ours: string;
    };

const q = (s: string) => `“${s}”`;

/** Both texts name it, and differently: "UK" vs "Germany", "in 2024" vs "by 2029" are not a contradiction. */
function differentContext(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.trim().toLowerCase() !== b.trim().toLowerCase();
}

function sameThing(a: CheckedFigure, b: CheckedFigure): boolean {
  return !differentContext(a.place, b.place) && !differentContext(a.period, b.period);
}

/**
 * (a) The statement's figures disagree with the marked text's: a statement figure that has
 * comparable figures in the marked text (same kind and unit, same place and period when both say
 * them) and agrees with none of them. Spellings do not matter ("£3.4bn" = "£3.4 billion").
 */
export function statementWarnings(text: readonly CheckedFigure[], statement: readonly CheckedFigure[]): FigureWarning[] {
  const out: FigureWarning[] = [];
  for (const s of statement) {
    const comparable = text.filter((t) => sameThing(s, t) && compareFigures(s, t) !== "incomparable");
    if (comparable.length === 0 || comparable.some((t) => compareFigures(s, t) === "agree")) continue;
    const words = [...new Set(comparable.map((t) => t.text))];
    out.push({
      kind: "statement",
      key: `statement:${s.text}|${words.join("|")}`,
      message: `The statement says ${q(s.text)} but the marked text says ${words.map(q).join(" and ")}.`,
      statement: s.text,
      text: words,
    });
  }
  return out;
}

/**
 * (b) A figure inside the marked text changed between two versions of that text: figures that
 * still agree pair off first, then the rest pair in order by comparability (old → new); what is
 * left was removed or added.
 */
export function figureChanges(before: string, after: string): { from: string | null; to: string | null }[] {
  const old = extractFigures(before);
  const now = extractFigures(after);
  const used = new Set<number>();
  const unmatched = old.filter((o) => {
    const i = now.findIndex((n, j) => !used.has(j) && compareFigures(o, n) === "agree" && o.text === n.text);
    const k = i >= 0 ? i : now.findIndex((n, j) => !used.has(j) && compareFigures(o, n) === "agree");
    if (k < 0) return true;
    used.add(k);
    return false;
  });
  const changes: { from: string | null; to: string | null }[] = [];
  for (const o of unmatched) {
    const k = now.findIndex((n, j) => !used.has(j) && compareFigures(o, n) !== "incomparable");
    if (k >= 0) used.add(k);
    changes.push({ from: o.text, to: k >= 0 ? now[k]!.text : null });
  }
  now.forEach((n, j) => {
    if (!used.has(j)) changes.push({ from: null, to: n.text });
  });
  return changes;
}

export function textChangedWarning(before: string, after: string, since: "approval" | "marking"): FigureWarning[] {
  if (before === after) return [];
  const changes = figureChanges(before, after);
  if (changes.length === 0) return [];
  const words = changes.map((c) => `${c.from === null ? "(none)" : q(c.from)} → ${c.to === null ? "(removed)" : q(c.to)}`);
  return [
    {
      kind: "text-changed",
      key: `text-changed:${words.join(";")}`,
      message: `${changes.length === 1 ? "A figure" : "Figures"} in the marked text changed since it was ${since === "approval" ? "last approved" : "marked"}: ${words.join(", ")}.`,
      changes,
      since,
    },
  ];
}

/** The earlier wording of the marked text to compare with, and since when, or null. */
export function previousMarkedText(
  claim: { exact: string; anchorText: string | null; status: string },
  lastApprovedText: string | null,
): { text: string; since: "approval" | "marking" } | null {
  const now = claim.anchorText ?? claim.exact;
  // The text a reviewer last approved, while the claim awaits a new approval.
  if (lastApprovedText !== null && claim.status !== "approved" && lastApprovedText !== now) {
    return { text: lastApprovedText, since: "approval" };
  }
  if (claim.anchorText !== null && claim.anchorText !== claim.exact) return { text: claim.exact, since: "marking" };
  return null;
}

/** A row of the lookup: another approved claim with a figure on the same subject and unit that disagrees. */
export interface ConflictRow {
  claimId: string;
  articleId: string;
  articleTitle: string;
  statement: string;
  theirs: string;
  ours: string;
  subject: string;
  unit: string;
}

export function conflictWarnings(rows: readonly ConflictRow[]): FigureWarning[] {
  const seen = new Set<string>();
  const out: FigureWarning[] = [];
  for (const r of rows) {
    if (seen.has(r.claimId)) continue;
    seen.add(r.claimId);
    out.push({
      kind: "other-claim",
      key: `other-claim:${r.claimId}:${r.ours}`,
      message: `Another approved claim on ${r.subject} (${r.unit}) says ${q(r.theirs)}; this claim says ${q(r.ours)}.`,
      claimId: r.claimId,
      articleId: r.articleId,
      articleTitle: r.articleTitle,
      statement: r.statement,
      theirs: r.theirs,
      ours: r.ours,
    });
  }
  return out;
}
