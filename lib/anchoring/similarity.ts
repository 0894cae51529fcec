/**
 * Similarity of two texts for re-anchoring (docs/anchoring.md): 1 − edit distance / longer length,
 * over code points. Context agreement compares 32-code-point prefixes and suffixes for every
 * candidate place, so short strings take a bit-parallel path.
 */

/** 1 − Levenshtein distance / longer length, over code points; 1 for two empty strings. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = codePoints(a);
  const y = codePoints(b);
  const longer = Math.max(x.length, y.length);
  return longer === 0 ? 1 : 1 - levenshtein(x, y) / longer;
}

function codePoints(s: string): Int32Array {
  const out = new Int32Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i) ?? 0;
    out[n++] = c;
    if (c > 0xffff) i++;
  }
  return out.subarray(0, n);
}

function levenshtein(a: Int32Array, b: Int32Array): number {
  if (a.length < b.length) [a, b] = [b, a];
  if (b.length === 0) return a.length;
  return b.length <= 32 ? bitParallelDistance(b, a) : dynamicProgrammingDistance(a, b);
}

/**
 * Myers/Hyyrö bit-vector edit distance for a pattern of at most 32 code points: one machine word
 * per text character instead of a row of cells. Context agreement compares 32-code-point
 * prefixes and suffixes for every candidate place, so this is the hot path of the searches.
 */
function bitParallelDistance(pattern: Int32Array, text: Int32Array): number {
  const m = pattern.length;
  const peq = new Map<number, number>();
  for (let i = 0; i < m; i++) {
    const c = pattern[i]!;
    peq.set(c, (peq.get(c) ?? 0) | (1 << i));
  }
  const last = 1 << (m - 1);
  let pv = -1;
  let mv = 0;
  let score = m;
  for (let j = 0; j < text.length; j++) {
    const eq = peq.get(text[j]!) ?? 0;
    const xv = eq | mv;
    const xh = (((eq & pv) + pv) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & last) score++;
    else if (mh & last) score--;
    // Global distance: the top row grows by one per text character.
    ph = (ph << 1) | 1;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
  }
  return score;
}

function dynamicProgrammingDistance(a: Int32Array, b: Int32Array): number {
  const n = b.length;
  let previous = new Int32Array(n + 1);
  let current = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const ca = a[i - 1];
    for (let j = 1; j <= n; j++) {
      const substitution = previous[j - 1]! + (ca === b[j - 1] ? 0 : 1);
      const deletion = previous[j]! + 1;
      const insertion = current[j - 1]! + 1;
      current[j] =
        substitution < deletion
          ? substitution < insertion
            ? substitution
            : insertion
          : deletion < insertion
            ? deletion
            : insertion;
    }
    [previous, current] = [current, previous];
  }
  return previous[n]!;
}
