/**
 * The full-text query that finds candidate earlier claims for matching: claims sharing a figure
 * and one more of this claim's telling features (a name, the claimant, a content word), or any
 * two features when it states no figure. That keeps the candidate set small on a large archive
 * (the GIN index answers it), and a real match nearly always shares that much. Candidates are
 * then scored in full (score-match.ts).
 *
 * Pure: builds text for to_tsquery('english', …) from sanitised words only.
 */
import { figureWord } from "../search/figure-terms";
import type { ClaimFeatures } from "./claim-features";

const MAX_TERMS = 8;

const clean = (word: string) => word.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * The probe, or null when the claim has nothing usable. A claim with figures asks for one of its
 * figures AND one of its other features: GIN answers that from the (short) posting list of the
 * figure. A claim without figures asks for any two of its features.
 */
export function matchProbe(features: ClaimFeatures): string | null {
  const figures: string[] = [];
  const others: string[] = [];
  const add = (into: string[], w: string) => {
    const c = clean(w);
    if (c.length >= 3 && !figures.includes(c) && !others.includes(c) && figures.length + others.length < MAX_TERMS) into.push(c);
  };
  for (const f of features.figures) add(figures, figureWord(f.amount, null));
  for (const e of features.entities) for (const w of e.split(/\s+/)) add(others, w);
  for (const w of (features.claimant ?? "").split(/\s+/)) add(others, w);
  // Longest content words first: they are the least common.
  const words = [...features.words]
    .filter((w) => !/^(rise|fall|spend)$/.test(w))
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  for (const w of words) add(others, w);
  const any = (terms: string[]) => `(${terms.map((t) => `'${t}'`).join(" | ")})`;
  if (figures.length) return others.length ? `${any(figures)} & ${any(others)}` : any(figures);
  if (others.length < 2) return others.length === 1 ? `'${others[0]}'` : null;
  const pairs: string[] = [];
  for (let i = 0; i < others.length; i++)
    for (let j = i + 1; j < others.length; j++) pairs.push(`('${others[i]}' & '${others[j]}')`);
  return pairs.join(" | ");
}
