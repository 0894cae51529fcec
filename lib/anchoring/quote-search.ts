/**
 * Quote search of re-anchoring (docs/anchoring.md): where the quote of a claim whose place the diff
 * could not keep stands in the new text, exactly or approximately, with how well the text around
 * each place agrees with the stored prefix and suffix. Searches never accept text the diff kept
 * unchanged (see exactPlaces).
 */
import approximateSearch from "approx-string-match";
import { CodePointIndex, cpLength } from "../text/code-points";
import { tidySpan, type Anchor } from "./anchor";
import type { DiffMap } from "./diff-map";
import { similarity } from "./similarity";

/** Context agreeing this well (0..1) with the stored prefix/suffix makes a place credible. */
export const CONTEXT_MIN_AGREEMENT = 0.5;

/**
 * Quotes shorter than this ("3", "2.3", "Lammy", "3 per cent") say almost nothing about where
 * they are by themselves: in a revision where every figure changed, another changed figure near
 * the old place is a lookalike, not the claim. Such a quote is only accepted inside changed text
 * where the words right beside it agree with the stored context (see hasAgreeingNeighbours).
 */
export const DISTINCTIVE_QUOTE_LENGTH = 12;
/** How much of the stored prefix and suffix counts as the quote's immediate neighbours. */
const NEIGHBOUR_LENGTH = 12;
const NEIGHBOUR_MIN_AGREEMENT = 0.75;

export interface Place {
  start: number;
  end: number;
  text: string;
  /** Edits between the quote and `text` (0 for exact search). */
  errors: number;
  /** Agreement of the surrounding text with the stored prefix/suffix, 0..1. */
  context: number;
  /** Code points from the old place. */
  distance: number;
}

/** Seeds for the whole-text approximate search: this many UTF-16 units must survive verbatim. */
const SEED_LENGTH = 8;
/** A seed found more often than this says nothing about where a quote went. */
const MAX_SEED_HITS = 32;
const SEEDS_PER_QUOTE = 8;

export class QuoteSearch {
  private seeds: SeedIndex | undefined;

  constructor(
    private readonly text: string,
    private readonly index: CodePointIndex,
    private readonly map: DiffMap,
  ) {}

  /**
   * The one occurrence of `exact` overlapping [from16, to16), in code points, when that stretch
   * is short enough to be the claim's own place and no other new occurrence within `reach` of
   * `near16` competes with it (then the searches decide, and may find it ambiguous).
   */
  exactInPlace(
    anchor: Anchor,
    from16: number,
    to16: number,
    near16: number,
    reach: number,
  ): { start: number; end: number } | undefined {
    const { exact } = anchor;
    if (to16 <= from16 || this.index.toCp(to16) - this.index.toCp(from16) > reach) return undefined;
    const nearCp = this.index.toCp(near16);
    const lo = Math.min(this.index.toUtf16(Math.max(0, nearCp - reach)), Math.max(0, from16 - exact.length + 1));
    const hi = Math.max(this.index.toUtf16(Math.min(this.index.length, nearCp + reach)), to16);
    let inPlace: number | undefined;
    for (let i = this.text.indexOf(exact, lo); i !== -1 && i < hi; i = this.text.indexOf(exact, i + 1)) {
      const overlaps = i < to16 && i + exact.length > from16;
      if (overlaps && inPlace === undefined) inPlace = i;
      else if (overlaps || !this.map.isUnchangedText(i, i + exact.length)) return undefined;
    }
    if (inPlace === undefined) return undefined;
    // The stretch between the unchanged neighbours was edited: a short quote found in it must be
    // the claim's own text, not the figure next to it that the same edit also changed.
    if (!this.isCredible(anchor, inPlace, inPlace + exact.length, 0)) return undefined;
    return { start: this.index.toCp(inPlace), end: this.index.toCp(inPlace + exact.length) };
  }

  /**
   * Exact occurrences near the old place or with agreeing context, best first.
   *
   * Both searches skip text the diff kept unchanged: it stood at another place of the old text
   * while the claim stood where it did, so it is a lookalike (another paragraph that also says
   * "10,000"), not where the claim went. A claim that moved or survived a rewrite is inside
   * inserted text.
   */
  exactPlaces(anchor: Anchor, around: number, reach: number): Place[] {
    const places: Place[] = [];
    const { exact } = anchor;
    for (let i = this.text.indexOf(exact); i !== -1; i = this.text.indexOf(exact, i + 1)) {
      if (this.map.isUnchangedText(i, i + exact.length)) continue;
      const place = this.place(anchor, i, i + exact.length, 0, around);
      if (this.accepts(anchor, place, reach)) places.push(place);
    }
    return rank(places);
  }

  /**
   * Approximate occurrences with at most `maxErrors` edits: anywhere in the window around the old
   * place, and elsewhere only where the context agrees. Scanning all of a 100k text costs about
   * 2.5 ms per quote, too much for 1,000 claims, so beyond the window only the neighbourhoods of
   * seeds are verified: 8-unit pieces of the context or the quote that survived verbatim.
   */
  approximatePlaces(anchor: Anchor, around: number, reach: number, maxErrors: number): Place[] {
    const { exact } = anchor;
    const windows: Array<[number, number]> = [
      [
        this.index.toUtf16(Math.max(0, around - reach)),
        this.index.toUtf16(Math.min(this.index.length, around + reach + cpLength(exact))),
      ],
    ];
    for (const [s, e] of this.seedWindows(anchor, maxErrors)) windows.push([s, e]);

    const places: Place[] = [];
    for (const [s, e] of mergeRanges(windows)) {
      for (const match of approximateSearch(this.text.slice(s, e), exact, maxErrors)) {
        if (this.map.isUnchangedText(s + match.start, s + match.end)) continue;
        const place = this.place(anchor, s + match.start, s + match.end, match.errors, around);
        if (this.accepts(anchor, place, reach)) places.push(place);
      }
    }
    return rank(places);
  }

  /**
   * Every place a search offers lies in text the revision changed. A distinctive quote is taken
   * near its old place or where its context agrees; a short one only where its context agrees
   * and so do its immediate neighbours, whatever the distance.
   */
  private accepts(anchor: Anchor, place: Place, reach: number): boolean {
    const s16 = this.index.toUtf16(place.start);
    const e16 = this.index.toUtf16(place.end);
    if (cpLength(anchor.exact) < DISTINCTIVE_QUOTE_LENGTH) {
      return place.context >= CONTEXT_MIN_AGREEMENT && this.hasAgreeingNeighbours(anchor, s16, e16);
    }
    return place.distance <= reach || place.context >= CONTEXT_MIN_AGREEMENT;
  }

  private isCredible(anchor: Anchor, s16: number, e16: number, errors: number): boolean {
    if (cpLength(anchor.exact) >= DISTINCTIVE_QUOTE_LENGTH) return true;
    return errors === 0 && this.hasAgreeingNeighbours(anchor, s16, e16);
  }

  /** The words right before and after [s16, e16) agree with the ends of the stored prefix and suffix. */
  private hasAgreeingNeighbours({ prefix, suffix }: Anchor, s16: number, e16: number): boolean {
    const before = prefix.slice(-NEIGHBOUR_LENGTH);
    const after = suffix.slice(0, NEIGHBOUR_LENGTH);
    if (before === "" && after === "") return false;
    const agrees = (stored: string, found: string): boolean =>
      stored === "" || similarity(stored, found) >= NEIGHBOUR_MIN_AGREEMENT;
    return (
      agrees(before, this.text.slice(Math.max(0, s16 - before.length), s16)) &&
      agrees(after, this.text.slice(e16, e16 + after.length))
    );
  }

  private seedWindows(anchor: Anchor, maxErrors: number): Array<[number, number]> {
    const { exact, prefix, suffix } = anchor;
    const m = exact.length;
    // [piece, where the quote would start relative to the piece's position]
    const pieces: Array<[string, number]> = [];
    if (m >= SEED_LENGTH) {
      const count = Math.min(SEEDS_PER_QUOTE, Math.max(2, Math.ceil(m / SEED_LENGTH)));
      for (let k = 0; k < count; k++) {
        const offset = Math.round((k * (m - SEED_LENGTH)) / (count - 1));
        pieces.push([exact.slice(offset, offset + SEED_LENGTH), -offset]);
      }
    }
    if (prefix.length >= SEED_LENGTH) pieces.push([prefix.slice(-SEED_LENGTH), SEED_LENGTH]);
    if (suffix.length >= SEED_LENGTH) pieces.push([suffix.slice(0, SEED_LENGTH), -m]);

    this.seeds ??= new SeedIndex(this.text);
    const windows: Array<[number, number]> = [];
    const slack = maxErrors + SEED_LENGTH;
    for (const [piece, shift] of pieces) {
      const hits = this.seeds.find(piece);
      if (hits.length > MAX_SEED_HITS) continue;
      for (const hit of hits) {
        const s = Math.max(0, hit + shift - slack);
        const e = Math.min(this.text.length, hit + shift + m + slack);
        if (s < e) windows.push([s, e]);
      }
    }
    return windows;
  }

  /**
   * An approximate match can end inside a word ("North Korea" for "North Korean") or take in the
   * space after it; a claim highlighted to half a word, or with a trailing space that exports print
   * as "**phrase **next", looks broken, so the place is cut as marking cuts it (tidySpan).
   */
  toWholeWords(place: Place): Place {
    const [s16, e16] = tidySpan(this.text, this.index.toUtf16(place.start), this.index.toUtf16(place.end));
    return { ...place, start: this.index.toCp(s16), end: this.index.toCp(e16), text: this.text.slice(s16, e16) };
  }

  private place(anchor: Anchor, s16: number, e16: number, errors: number, around: number): Place {
    const start = this.index.toCp(s16);
    return {
      start,
      end: this.index.toCp(e16),
      text: this.text.slice(s16, e16),
      errors,
      context: this.contextAgreement(anchor, s16, e16),
      distance: Math.abs(start - around),
    };
  }

  /** Similarity of the stored prefix and suffix to the text around [s16, e16), weighted by length. */
  private contextAgreement({ prefix, suffix }: Anchor, s16: number, e16: number): number {
    let weighted = 0;
    let total = 0;
    if (prefix !== "") {
      weighted += similarity(prefix, this.text.slice(Math.max(0, s16 - prefix.length), s16)) * prefix.length;
      total += prefix.length;
    }
    if (suffix !== "") {
      weighted += similarity(suffix, this.text.slice(e16, e16 + suffix.length)) * suffix.length;
      total += suffix.length;
    }
    // A quote that was the whole text has no context to agree with.
    return total === 0 ? 0 : weighted / total;
  }
}

/** Best first (fewest errors, then best context, then nearest), one place per overlapping group. */
export function rank(places: Place[]): Place[] {
  const better = (a: Place, b: Place): number => a.errors - b.errors || b.context - a.context || a.distance - b.distance;
  const sorted = [...places].sort(better);
  const kept: Place[] = [];
  for (const p of sorted) {
    if (!kept.some((k) => p.start < k.end && k.start < p.end)) kept.push(p);
  }
  return kept;
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

const HASH_BASE = 0x01000193;

/** Positions of every SEED_LENGTH-unit substring of a text, by rolling hash. */
class SeedIndex {
  private readonly buckets = new Map<number, number[]>();

  constructor(private readonly text: string) {
    if (text.length < SEED_LENGTH) return;
    let top = 1;
    for (let i = 1; i < SEED_LENGTH; i++) top = Math.imul(top, HASH_BASE);
    let h = 0;
    for (let i = 0; i < SEED_LENGTH; i++) h = (Math.imul(h, HASH_BASE) + text.charCodeAt(i)) | 0;
    this.add(h, 0);
    for (let i = 1; i + SEED_LENGTH <= text.length; i++) {
      h = (h - Math.imul(text.charCodeAt(i - 1), top)) | 0;
      h = (Math.imul(h, HASH_BASE) + text.charCodeAt(i + SEED_LENGTH - 1)) | 0;
      this.add(h, i);
    }
  }

  find(piece: string): number[] {
    let h = 0;
    for (let i = 0; i < piece.length; i++) h = (Math.imul(h, HASH_BASE) + piece.charCodeAt(i)) | 0;
    const bucket = this.buckets.get(h);
    if (!bucket) return [];
    return bucket.filter((i) => this.text.startsWith(piece, i));
  }

  private add(hash: number, position: number): void {
    const bucket = this.buckets.get(hash);
    if (bucket) bucket.push(position);
    else this.buckets.set(hash, [position]);
  }
}
