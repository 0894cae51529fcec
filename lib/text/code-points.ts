/**
 * Unicode code point offsets (docs/anchoring.md): every stored offset into canonical text counts code
 * points, while JavaScript strings and the DOM count UTF-16 units. These helpers convert between
 * the two.
 *
 * Pure and dependency-free, so that browser components can use it as well as the server.
 */

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

export function cpLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if (isHighSurrogate(s.charCodeAt(i)) && isLowSurrogate(s.charCodeAt(i + 1))) {
      n--;
      i++;
    }
  }
  return n;
}

/**
 * UTF-16 offset of code point `cp`. Throws a RangeError outside 0..cpLength(s): a stored offset
 * that does not fit its text is corrupt data, not something to clamp silently.
 */
export function cpToUtf16(s: string, cp: number): number {
  if (!Number.isInteger(cp) || cp < 0) throw new RangeError(`Code point offset ${cp} is out of range`);
  let u = 0;
  for (let n = 0; n < cp; n++) {
    if (u >= s.length) throw new RangeError(`Code point offset ${cp} is out of range`);
    u += isHighSurrogate(s.charCodeAt(u)) && isLowSurrogate(s.charCodeAt(u + 1)) ? 2 : 1;
  }
  return u;
}

/** Code point offset of UTF-16 offset `u16`; an offset between the halves of a pair rounds down. */
export function utf16ToCp(s: string, u16: number): number {
  if (!Number.isInteger(u16) || u16 < 0 || u16 > s.length) {
    throw new RangeError(`UTF-16 offset ${u16} is out of range`);
  }
  let cp = 0;
  for (let u = 0; u < u16; u++) {
    if (isHighSurrogate(s.charCodeAt(u)) && isLowSurrogate(s.charCodeAt(u + 1))) {
      if (u + 1 === u16) return cp;
      u++;
    }
    cp++;
  }
  return cp;
}

/** Like `String.prototype.slice` with code point offsets (no negative offsets). */
export function cpSlice(s: string, start: number, end?: number): string {
  const index = new CodePointIndex(s);
  const to = Math.min(end ?? index.length, index.length);
  const from = Math.min(Math.max(0, start), to);
  return s.slice(index.toUtf16(from), index.toUtf16(to));
}

const HAS_SURROGATE = /[\uD800-\uDFFF]/;
const EMPTY = new Int32Array(0);

/**
 * Converts offsets in one text in O(log n) after an O(n) scan, for code that converts many
 * offsets (re-anchoring 1,000 claims). Texts without astral characters, the usual case, convert
 * by identity.
 */
export class CodePointIndex {
  readonly length: number;
  /** UTF-16 offset of each astral (surrogate pair) character, ascending. */
  private readonly astralUtf16: Int32Array;
  /** Code point offset of each astral character, ascending. */
  private readonly astralCp: Int32Array;

  constructor(readonly text: string) {
    if (!HAS_SURROGATE.test(text)) {
      this.astralUtf16 = EMPTY;
      this.astralCp = EMPTY;
      this.length = text.length;
      return;
    }
    const u16: number[] = [];
    const cps: number[] = [];
    let cp = 0;
    for (let u = 0; u < text.length; u++, cp++) {
      if (isHighSurrogate(text.charCodeAt(u)) && isLowSurrogate(text.charCodeAt(u + 1))) {
        u16.push(u);
        cps.push(cp);
        u++;
      }
    }
    this.astralUtf16 = Int32Array.from(u16);
    this.astralCp = Int32Array.from(cps);
    this.length = cp;
  }

  get hasAstral(): boolean {
    return this.astralCp.length > 0;
  }

  toUtf16(cp: number): number {
    if (this.astralCp.length === 0) return cp;
    return cp + countBelow(this.astralCp, cp);
  }

  toCp(u16: number): number {
    if (this.astralUtf16.length === 0) return u16;
    return u16 - countBelow(this.astralUtf16, u16);
  }

  slice(startCp: number, endCp: number): string {
    return this.text.slice(this.toUtf16(startCp), this.toUtf16(endCp));
  }
}

/** Number of entries of the ascending array `sorted` that are < value. */
function countBelow(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
