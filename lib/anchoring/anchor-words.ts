/**
 * The desk's words for where a claim stands in the text (docs/anchoring.md), in one place: the
 * badges on the article, revision and review pages and the sentences of the claim history all
 * read them here, so a claim the revision summary calls "Anchored" is never "moved" in its
 * history. A claim whose text is unchanged but whose offsets shifted (a paragraph inserted above
 * it) is `anchored`: `relocated` means its text was found at another place by searching.
 */
import type { AnchorState } from "./anchor";
import { anchorNeedsAttention } from "../workflow/claim-rules";

export const ANCHOR_STATE_LABELS: Record<AnchorState, string> = {
  anchored: "Anchored",
  relocated: "Relocated",
  changed: "Text changed",
  ambiguous: "Ambiguous",
  orphaned: "Orphaned",
};

const ANCHOR_STATES = Object.keys(ANCHOR_STATE_LABELS) as AnchorState[];

function isAnchorState(value: unknown): value is AnchorState {
  return typeof value === "string" && (ANCHOR_STATES as string[]).includes(value);
}

/**
 * One sentence for what a revision did to a claim's anchor: its label, then what it means.
 * `quote` formats the new text of a changed claim (the history quotes its own way).
 */
export function describeReanchoring(
  before: { anchorState?: unknown; start?: unknown },
  after: { anchorState?: unknown; start?: unknown; text?: unknown },
  quote: (text: unknown) => string,
): string {
  if (!isAnchorState(after.anchorState)) return "the claim was re-anchored";
  const label = ANCHOR_STATE_LABELS[after.anchorState];
  switch (after.anchorState) {
    case "anchored":
      if (isAnchorState(before.anchorState) && anchorNeedsAttention(before.anchorState)) {
        return `${label}: the claim's text was found again`;
      }
      return before.start !== undefined && after.start !== undefined && before.start !== after.start
        ? `${label}: the claim's text is unchanged; text before it changed`
        : `${label}: the claim's text is unchanged`;
    case "relocated":
      return `${label}: the claim's text was found at another place in the article`;
    case "changed":
      return `${label}: the text under the claim now reads ${quote(after.text)}`;
    case "ambiguous":
      return `${label}: the claim's text now appears in several places`;
    case "orphaned":
      return `${label}: the claim's text was not found`;
  }
}
