/**
 * The diff map of re-anchoring (docs/anchoring.md): one character diff of the old revision against
 * the new, computed once for all claims, and the position map through it. A claim's start sticks
 * to the character on its right and its end to the one on its left, so an insertion at either
 * edge never grows a claim. Offsets are UTF-16 units; reanchor.ts converts code points.
 */
import {
  cleanupEfficiency,
  cleanupSemantic,
  DIFF_DELETE,
  DIFF_EQUAL,
  DIFF_INSERT,
  makeDiff,
  type Diff,
} from "@sanity/diff-match-patch";

/** docs/anchoring.md: a 1 s cap on the diff; past it the diff is coarser but still correct. */
const DIFF_TIMEOUT_MS = 1000;

/**
 * The character diff is cleaned with cleanupEfficiency, not cleanupSemantic: it drops matches of
 * fewer than four characters wedged between edits (coincidental letters inside rewritten text,
 * which would make a claim's edge look as if it survived) but keeps every longer unchanged run.
 * cleanupSemantic also drops an unchanged run shorter than the edits around it, so a claim kept
 * verbatim between two edited stretches would look deleted and come back as "relocated".
 *
 * dmp's line mode (diff paragraphs first, then characters inside the replaced blocks), with two
 * changes that keep the whole diff within the speed budget:
 * - a replaced block whose old and new wording share almost no word pairs is kept as
 *   delete + insert instead of being diffed character by character. Such a diff costs O(N·D)
 *   and only finds coincidental letters;
 * - a replaced block is diffed sentence by sentence before character by character, and a large
 *   run of changed sentences gets only a share of the time limit (past it, it counts as
 *   replaced), so one huge block cannot spend the whole second.
 */
export function computeDiff(a: string, b: string): Diff[] {
  const deadline = Date.now() + DIFF_TIMEOUT_MS;
  let prefix = commonPrefixLength(a, b);
  if (prefix > 0 && isHighSurrogate(a.charCodeAt(prefix - 1))) prefix--;
  let suffix = commonSuffixLength(a, b, prefix);
  if (suffix > 0 && isLowSurrogate(a.charCodeAt(a.length - suffix))) suffix--;

  const diffs: Diff[] = [];
  if (prefix > 0) diffs.push([DIFF_EQUAL, a.slice(0, prefix)]);
  diffs.push(
    ...diffByTokens(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix), splitLines, deadline, (d, i) =>
      diffBlock(d, i, deadline),
    ),
  );
  if (suffix > 0) diffs.push([DIFF_EQUAL, a.slice(a.length - suffix)]);
  return cleanupEfficiency(diffs);
}

/** Blocks larger than this get a share of the time limit only; see computeDiff. */
const LARGE_BLOCK = 4000;
const LARGE_BLOCK_BUDGET_MS = 100;

/**
 * A replaced run of paragraphs is diffed sentence by sentence before character by character:
 * unchanged sentences come out whole, and the character diff (O(N·D)) only runs on groups of
 * changed sentences that still share wording with their old version, which is what keeps a 20 %
 * rewrite fast. A huge unrelated block (a replaced article) skips even the sentence diff.
 */
function diffBlock(deleted: string, inserted: string, deadline: number): Diff[] {
  if (deleted.length + inserted.length <= SMALL_BLOCK) return diffCharacters(deleted, inserted, deadline);
  if (deleted.length + inserted.length > LARGE_BLOCK && !isWorthCharacterDiff(deleted, inserted)) {
    return replaced(deleted, inserted);
  }
  return diffByTokens(deleted, inserted, splitSentences, deadline, (d, i) => {
    if (!isWorthCharacterDiff(d, i)) return replaced(d, i);
    const budget = d.length + i.length > LARGE_BLOCK ? LARGE_BLOCK_BUDGET_MS : DIFF_TIMEOUT_MS;
    return diffCharacters(d, i, Math.min(deadline, Date.now() + budget));
  });
}

function diffCharacters(deleted: string, inserted: string, deadline: number): Diff[] {
  if (Date.now() >= deadline) return replaced(deleted, inserted);
  return makeDiff(deleted, inserted, { checkLines: false, timeout: secondsLeft(deadline) });
}

function replaced(deleted: string, inserted: string): Diff[] {
  return [
    [DIFF_DELETE, deleted],
    [DIFF_INSERT, inserted],
  ];
}

/**
 * Diffs two texts as sequences of tokens (lines or sentences), then hands every block where
 * tokens were replaced to `refine`. Pure insertions and deletions need no refinement.
 */
function diffByTokens(
  a: string,
  b: string,
  split: (text: string) => string[],
  deadline: number,
  refine: (deleted: string, inserted: string) => Diff[],
): Diff[] {
  if (a === "" && b === "") return [];
  if (a === "") return [[DIFF_INSERT, b]];
  if (b === "") return [[DIFF_DELETE, a]];
  const { chars1, chars2, tokens } = tokensToChars(split(a), split(b));
  // As in dmp's line mode: absorb freak matches of blank lines or short tokens between edits,
  // so that a paragraph that was split or merged comes out as one replaced block to refine.
  const tokenDiffs = cleanupSemantic(
    makeDiff(chars1, chars2, { checkLines: false, timeout: secondsLeft(deadline) }).map(([op, chars]): Diff => [
      op,
      Array.from(chars, (c) => tokens[c.charCodeAt(0)] ?? "").join(""),
    ]),
  );

  const out: Diff[] = [];
  let deleted = "";
  let inserted = "";
  const flushBlock = (): void => {
    if (deleted !== "" && inserted !== "") out.push(...refine(deleted, inserted));
    else if (deleted !== "") out.push([DIFF_DELETE, deleted]);
    else if (inserted !== "") out.push([DIFF_INSERT, inserted]);
    deleted = "";
    inserted = "";
  };
  for (const [op, text] of tokenDiffs) {
    if (op === DIFF_DELETE) deleted += text;
    else if (op === DIFF_INSERT) inserted += text;
    else {
      flushBlock();
      out.push([op, text]);
    }
  }
  flushBlock();
  return out;
}

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Sentences with their trailing punctuation, closing quotes and whitespace; lines end one too. */
function splitSentences(text: string): string[] {
  return text.match(/[^\n.!?…]*(?:[.!?…]+["'”’)\]]*[^\S\n]*|\n|$)/g)?.filter((t) => t !== "") ?? [];
}

function secondsLeft(deadline: number): number {
  // makeDiff treats 0 as "no limit", so never pass less than a millisecond.
  return Math.max(0.001, (deadline - Date.now()) / 1000);
}

/**
 * Encodes each distinct token as one UTF-16 unit, as dmp's line mode does. Codes skip the
 * surrogate range because makeDiff repairs what it takes for split surrogate pairs; past the code
 * budget the remaining tokens of a text become one token.
 */
function tokensToChars(a: string[], b: string[]): { chars1: string; chars2: string; tokens: string[] } {
  const tokens: string[] = [""];
  const codes = new Map<string, number>();
  let next = 1;
  const encode = (list: string[], lastCode: number): string => {
    const out: string[] = [];
    for (let i = 0; i < list.length; i++) {
      let token = list[i] ?? "";
      let code = codes.get(token);
      if (code === undefined) {
        if (next >= lastCode) {
          token = list.slice(i).join("");
          i = list.length;
        }
        code = next;
        next = next === 0xd7ff ? 0xe000 : next + 1;
        codes.set(token, code);
        tokens[code] = token;
      }
      out.push(String.fromCharCode(code));
    }
    return out.join("");
  };
  const chars1 = encode(a, 40000);
  const chars2 = encode(b, 0xfff0);
  return { chars1, chars2, tokens };
}

const SMALL_BLOCK = 300;
const MIN_SHARED_WORD_PAIRS = 0.5;

/** True unless the two versions of a block share too few adjacent word pairs to be related. */
function isWorthCharacterDiff(deleted: string, inserted: string): boolean {
  if (deleted.length + inserted.length <= SMALL_BLOCK) return true;
  const before = wordPairHashes(deleted);
  const after = wordPairHashes(inserted);
  if (before.length < 3 || after.length < 3) return true;
  // Multiset intersection of two sorted arrays.
  let shared = 0;
  for (let i = 0, j = 0; i < before.length && j < after.length;) {
    const x = before[i]!;
    const y = after[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / Math.min(before.length, after.length) >= MIN_SHARED_WORD_PAIRS;
}

/**
 * Sorted hashes of adjacent word pairs, ASCII case folded. Hashing instead of building pair
 * strings keeps this cheap enough to run on a 100k-character block.
 */
function wordPairHashes(text: string): Int32Array {
  const FNV_OFFSET = 0x811c9dc5 | 0;
  const hashes: number[] = [];
  let word = FNV_OFFSET;
  let previous = 0;
  let inWord = false;
  let hasPrevious = false;
  for (let i = 0; i <= text.length; i++) {
    let c = i < text.length ? text.charCodeAt(i) : 0x20;
    if (isWordUnit(c)) {
      if (c >= 0x41 && c <= 0x5a) c |= 0x20;
      word = Math.imul(word ^ c, 0x01000193);
      inWord = true;
    } else if (inWord) {
      if (hasPrevious) hashes.push((Math.imul(previous, 31) + word) | 0);
      previous = word;
      hasPrevious = true;
      word = FNV_OFFSET;
      inWord = false;
    }
  }
  return Int32Array.from(hashes).sort();
}

/** Letters and digits, roughly: ASCII alphanumerics and anything from Latin-1 letters up, minus spaces and punctuation blocks. */
function isWordUnit(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (c < 0xc0) return false;
  return !(c >= 0x2000 && c <= 0x206f) && c !== 0x3000 && c !== 0xfeff && !(c >= 0x3001 && c <= 0x3003);
}

function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffixLength(a: string, b: string, prefix: number): number {
  const n = Math.min(a.length, b.length) - prefix;
  let i = 0;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Unchanged runs shorter than this, between edits, are coincidences of the alignment. */
const SOLID_RUN = 16;

export interface MappedPosition {
  /** UTF-16 offset in the new text. */
  at: number;
  /** False when both characters around the old position were deleted: the edge itself is gone. */
  survived: boolean;
}

/**
 * The diff as alternating runs: an equal run, or an edit block (what was deleted at that place
 * and what was inserted there). Old ranges tile the old text and new ranges tile the new text.
 */
export class DiffMap {
  private readonly isEqual: Uint8Array;
  private readonly oldStart: Int32Array;
  private readonly oldEnd: Int32Array;
  private readonly newStart: Int32Array;
  private readonly newEnd: Int32Array;
  private readonly newLength: number;

  constructor(diffs: Diff[]) {
    const isEqual: number[] = [];
    const oldStart: number[] = [];
    const oldEnd: number[] = [];
    const newStart: number[] = [];
    const newEnd: number[] = [];
    let o = 0;
    let n = 0;
    let inBlock = false;
    for (const [op, text] of diffs) {
      if (text === "") continue;
      if (op === DIFF_EQUAL || !inBlock) {
        isEqual.push(op === DIFF_EQUAL ? 1 : 0);
        oldStart.push(o);
        newStart.push(n);
        oldEnd.push(o);
        newEnd.push(n);
      }
      inBlock = op !== DIFF_EQUAL;
      if (op !== DIFF_INSERT) o += text.length;
      if (op !== DIFF_DELETE) n += text.length;
      oldEnd[oldEnd.length - 1] = o;
      newEnd[newEnd.length - 1] = n;
    }
    this.isEqual = Uint8Array.from(isEqual);
    this.oldStart = Int32Array.from(oldStart);
    this.oldEnd = Int32Array.from(oldEnd);
    this.newStart = Int32Array.from(newStart);
    this.newEnd = Int32Array.from(newEnd);
    this.newLength = n;
  }

  /** Where a claim's start goes. It sticks to the character on its right. */
  mapStart(p: number): MappedPosition {
    // The run holding the character at p; pure insertions (empty old range) never hold it, which
    // is what puts a start after text inserted right before it.
    const i = this.firstRunEndingAfter(p, false);
    if (i === -1) return { at: this.newLength, survived: true };
    const os = this.oldStart[i]!;
    if (this.isEqual[i]) return { at: this.newStart[i]! + (p - os), survived: true };
    // The claim's first character was replaced: the replacement becomes part of the claim.
    if (p === os) return { at: this.newStart[i]!, survived: true };
    return { at: this.newEnd[i]!, survived: false };
  }

  /** Where a claim's end goes. It sticks to the character on its left. */
  mapEnd(p: number): MappedPosition {
    if (p === 0) return { at: 0, survived: true };
    const i = this.firstRunEndingAfter(p, true);
    if (i === -1) return { at: this.newLength, survived: true };
    const os = this.oldStart[i]!;
    if (this.isEqual[i]) return { at: this.newStart[i]! + (p - os), survived: true };
    if (p === this.oldEnd[i]) return { at: this.newEnd[i]!, survived: true };
    return { at: this.newStart[i]!, survived: false };
  }

  /**
   * The stretch of new text standing where old [p, q) stood: from the last solid unchanged run
   * before it to the first one after it. Unchanged runs shorter than SOLID_RUN inside edited
   * text are coincidences of the alignment and do not delimit anything.
   */
  neighbourhood(p: number, q: number): [number, number] {
    let i = this.firstRunEndingAfter(p, false);
    let from: number;
    if (i === -1) from = this.newLength;
    else if (this.isSolid(i)) from = this.newStart[i]! + (p - this.oldStart[i]!);
    else {
      while (i > 0 && !this.isSolid(i - 1)) i--;
      from = this.newStart[i]!;
    }
    let j = q === 0 ? 0 : this.firstRunEndingAfter(q, true);
    let to: number;
    if (j === -1) to = this.newLength;
    else if (this.isSolid(j)) to = this.newStart[j]! + (q - this.oldStart[j]!);
    else {
      while (j < this.isEqual.length - 1 && !this.isSolid(j + 1)) j++;
      to = this.newEnd[j]!;
    }
    return [from, Math.max(from, to)];
  }

  private isSolid(i: number): boolean {
    return this.isEqual[i] === 1 && this.oldEnd[i]! - this.oldStart[i]! >= SOLID_RUN;
  }

  /** True when the new-text range [s, e) lies inside one run of text the diff kept unchanged. */
  isUnchangedText(s: number, e: number): boolean {
    let lo = 0;
    let hi = this.newEnd.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.newEnd[mid]! <= s) lo = mid + 1;
      else hi = mid;
    }
    while (lo < this.newEnd.length && this.newStart[lo] === this.newEnd[lo]) lo++;
    return lo < this.newEnd.length && this.isEqual[lo] === 1 && e <= this.newEnd[lo]!;
  }

  /**
   * Index of the first run whose old range ends after p (or at p when `inclusive`) and is not
   * empty; -1 if none.
   */
  private firstRunEndingAfter(p: number, inclusive: boolean): number {
    let lo = 0;
    let hi = this.oldEnd.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = this.oldEnd[mid]!;
      if (inclusive ? e < p : e <= p) lo = mid + 1;
      else hi = mid;
    }
    while (lo < this.oldEnd.length && this.oldStart[lo] === this.oldEnd[lo]) lo++;
    return lo < this.oldEnd.length ? lo : -1;
  }
}
