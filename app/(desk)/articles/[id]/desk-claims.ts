/**
 * What the article page's text and claim list show of each claim, and how the page sends it to
 * them: one string, packed by the server component and unpacked by the two client islands (issue
 * 13). As an array of objects, each of the 500 claims of a long article cost the server-component
 * payload its seven key names, and both its serialisation and its parsing for the server-side render
 * one step per key and value (3,500 for 500 claims). One string is sent as it is (a text row of the
 * payload, neither escaped nor parsed as JSON). It travels in an object, `PackedClaims`, which both
 * islands get: the payload writes an object once and refers to it after, but a string again each
 * time it is passed.
 *
 * A claim is `id TAB start TAB end TAB vsa TAB n TAB statement`, where v, s and a are one character
 * each for the verdict, the status and the anchor state (the maps below: their names cost 500 claims
 * 12 kB of payload), and n is the statement's length in UTF-16 units; claims follow one another
 * without a separator. The statement is read by its length, so it may hold any character, tabs
 * included.
 */
import { ANCHOR_STATE_LABELS } from "@/lib/anchoring/anchor-words";
import type { ClaimView } from "@/lib/claims/claim-view";
import { VERDICT_INFO, type Verdict } from "@/lib/claims/verdicts";
import { escapeHtml as e } from "@/lib/reports/escape";
import { STATUS_BADGE_LABELS } from "@/app/components/verdict-badge";

export interface DeskClaim {
  id: string;
  start: number;
  end: number;
  verdict: Verdict;
  status: ClaimView["status"];
  anchorState: ClaimView["anchorState"];
  statement: string;
}

/** The claims as the page sends them; pass this very object to each island. */
export interface PackedClaims {
  packed: string;
}

// One character per word, fixed here rather than by a word's place in its vocabulary, so that a
// word added to a vocabulary changes no other word's code. A vocabulary with a word missing here
// does not compile.
const VERDICT_CODES: Record<DeskClaim["verdict"], string> = {
  unverified: "u",
  verified: "v",
  needs_context: "c",
  misleading: "m",
  disputed: "d",
  false: "f",
  unproven: "p",
};
const STATUS_CODES: Record<DeskClaim["status"], string> = {
  draft: "d",
  in_review: "r",
  changes_requested: "c",
  approved: "a",
};
const ANCHOR_CODES: Record<DeskClaim["anchorState"], string> = {
  anchored: "a",
  relocated: "r",
  changed: "c",
  ambiguous: "m",
  orphaned: "o",
};

function decoder<T extends string>(codes: Record<T, string>): Map<string, T> {
  return new Map(Object.entries<string>(codes).map(([word, code]) => [code, word as T]));
}
const VERDICT_WORDS = decoder(VERDICT_CODES);
const STATUS_WORDS = decoder(STATUS_CODES);
const ANCHOR_WORDS = decoder(ANCHOR_CODES);

function codeOf<T extends string>(codes: Record<T, string>, word: T): string {
  const code = Object.hasOwn(codes, word) ? codes[word] : undefined;
  if (code === undefined) throw new Error(`packDeskClaims: ${JSON.stringify(word)} has no code`);
  return code;
}

function wordOf<T extends string>(words: Map<string, T>, code: string | undefined): T {
  const word = code === undefined ? undefined : words.get(code);
  if (word === undefined) throw new Error(`unpackDeskClaims: no word for the code ${JSON.stringify(code)}`);
  return word;
}

export function packDeskClaims(claims: readonly DeskClaim[]): PackedClaims {
  let packed = "";
  for (const c of claims) {
    const codes = `${codeOf(VERDICT_CODES, c.verdict)}${codeOf(STATUS_CODES, c.status)}${codeOf(ANCHOR_CODES, c.anchorState)}`;
    packed += `${c.id}\t${c.start}\t${c.end}\t${codes}\t${c.statement.length}\t${c.statement}`;
  }
  return { packed };
}

// The text and the list unpack the same string in the same render: the second reads the first's.
let last: { packed: string; claims: DeskClaim[] } | null = null;

export function unpackDeskClaims({ packed }: PackedClaims): DeskClaim[] {
  if (last?.packed === packed) return last.claims;
  const claims: DeskClaim[] = [];
  let at = 0;
  const field = () => {
    const tab = packed.indexOf("\t", at);
    if (tab < 0) throw new Error(`unpackDeskClaims: a claim is cut short at ${at}`);
    const value = packed.slice(at, tab);
    at = tab + 1;
    return value;
  };
  while (at < packed.length) {
    const id = field();
    const start = Number(field());
    const end = Number(field());
    const codes = field();
    if (codes.length !== 3) throw new Error(`unpackDeskClaims: no verdict, status and anchor state at ${at}`);
    const verdict = wordOf(VERDICT_WORDS, codes[0]);
    const status = wordOf(STATUS_WORDS, codes[1]);
    const anchorState = wordOf(ANCHOR_WORDS, codes[2]);
    const length = Number(field());
    if (!Number.isInteger(length) || at + length > packed.length)
      throw new Error(`unpackDeskClaims: a statement runs past the end at ${at}`);
    const statement = packed.slice(at, at + length);
    at += length;
    claims.push({ id, start, end, verdict, status, anchorState, statement });
  }
  last = { packed, claims };
  return claims;
}

// The markup inside each highlight and each list item, as text (issue 13). Rendered element by
// element, a long article's 500 highlights and 500 list items (about 5,500 elements and 8,000
// attributes) were most of the server's work on the page. The elements that change or take events
// (the highlight, the list item) stay React's; what is inside them is the same markup, written
// once as a string (`dangerouslySetInnerHTML`), every piece of stored text through `escapeHtml`.
// tests/unit/desk-claims.test.ts checks both against React's rendering of the element versions.

/**
 * Inside a highlight: the marked text (a `[data-s]` span, where selections are measured) and, for
 * each claim that ends there, its verdict cue (an icon, and the verdict's name for screen readers).
 */
export function highlightHtml(text: string, start: number, end: number, endingVerdicts: readonly Verdict[]): string {
  let html = `<span data-s="${start}">${e(text)}</span>`;
  for (const v of endingVerdicts) {
    const info = VERDICT_INFO[v];
    html += `<span class="claim-tag" data-at="${end}"><span aria-hidden="true">${e(info.icon)}</span><span class="sr-only">${e(` (claim: ${info.label})`)}</span></span>`;
  }
  return html;
}

/**
 * Inside a list item: the link to the claim, then its verdict, status and (unless anchored) anchor
 * badges. In an unfolded list (`wholeList`) the link keeps it unfolded (claim-list.tsx).
 */
export function claimItemHtml(articleId: string, c: DeskClaim, wholeList = false): string {
  const info = VERDICT_INFO[c.verdict];
  const anchor =
    c.anchorState === "anchored"
      ? ""
      : `<span class="anchor-state anchor-${e(c.anchorState)}">${e(ANCHOR_STATE_LABELS[c.anchorState])}</span>`;
  return (
    `<a href="${e(`/articles/${articleId}?claim=${c.id}${wholeList ? "&claims=all" : ""}`)}" class="quote">${e(c.statement)}</a>` +
    `<div class="row-controls"><span class="verdict verdict-${e(c.verdict)}" title="${e(info.meaning)}"><span aria-hidden="true">${e(info.icon)}</span>${e(info.label)}</span>` +
    `<span class="status status-${e(c.status)}">${e(STATUS_BADGE_LABELS[c.status])}</span>${anchor}</div>`
  );
}
