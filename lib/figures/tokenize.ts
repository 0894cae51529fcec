/**
 * The token stream figure extraction reads: numbers, words and single symbols, with their UTF-16
 * offsets. Every non-space character belongs to some token, so two tokens are separated by
 * whitespace alone, and "adjacent" (no space at all) is told by comparing offsets.
 */

export type TokenKind = "num" | "word" | "sym";

export interface Token {
  /** Lower case, without a possessive "'s" ("Britain's" → "britain"); offsets keep the input's. */
  t: string;
  kind: TokenKind;
  start: number;
  end: number;
  /** The first letter was upper case in the input. */
  capital: boolean;
  /** Every letter was upper case in the input ("UK", "GBP"). */
  allCaps: boolean;
}

// Digits with thousands separators or plain, then decimals; words may be hyphenated or carry an
// apostrophe ("twenty-five", "Britain's"); anything else non-space is a one-character symbol. No
// "u" flag: it makes the scan several times slower, and a split surrogate pair is still a symbol.
const TOKEN_RE = /(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[A-Za-z]+(?:[-'’][A-Za-z]+)*|\S/g;

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isLetter(c: number): boolean {
  return isUpper(c) || (c >= 97 && c <= 122);
}

function allUpper(raw: string): boolean {
  for (let k = 0; k < raw.length; k++) {
    const c = raw.charCodeAt(k);
    if (c >= 97 && c <= 122) return false;
  }
  return true;
}

function lowerWord(raw: string): string {
  const lower = raw.toLowerCase();
  // Possessive "'s" / "’s" (apostrophe at length - 2).
  const a = lower.charCodeAt(lower.length - 2);
  return lower.endsWith("s") && (a === 39 || a === 0x2019) ? lower.slice(0, -2) : lower;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const raw = m[0];
    const c = raw.charCodeAt(0);
    const kind: TokenKind = c >= 48 && c <= 57 ? "num" : isLetter(c) ? "word" : "sym";
    tokens.push({
      t: kind === "word" ? lowerWord(raw) : raw,
      kind,
      start: m.index,
      end: m.index + raw.length,
      capital: isUpper(c),
      allCaps: kind === "word" && allUpper(raw),
    });
  }
  return tokens;
}

/** A lexicon of phrases ("per cent", "km/h", "us$"), matched token by token. */
export class PhraseTable<V> {
  private readonly byFirst = new Map<string, { parts: string[]; value: V }[]>();

  constructor(entries: Record<string, V>) {
    for (const [phrase, value] of Object.entries(entries)) {
      const parts = tokenize(phrase).map((tok) => tok.t);
      if (parts.length === 0) continue;
      const list = this.byFirst.get(parts[0]!) ?? [];
      list.push({ parts, value });
      // Longest first, so "pounds sterling" wins over "pounds".
      list.sort((a, b) => b.parts.length - a.parts.length);
      this.byFirst.set(parts[0]!, list);
    }
  }

  /** The longest phrase starting at token `i`: its value and the index after it. */
  matchAt(tokens: readonly Token[], i: number): { value: V; next: number } | null {
    const first = tokens[i];
    if (!first) return null;
    const list = this.byFirst.get(first.t);
    if (!list) return null;
    for (const { parts, value } of list) {
      if (i + parts.length > tokens.length) continue;
      let ok = true;
      for (let k = 1; k < parts.length && ok; k++) ok = tokens[i + k]!.t === parts[k];
      if (ok) return { value, next: i + parts.length };
    }
    return null;
  }

  /** The longest phrase ending just before token `end`: its value and its first index. */
  matchBefore(tokens: readonly Token[], end: number, maxWords = 4): { value: V; start: number } | null {
    let best: { value: V; start: number } | null = null;
    for (let start = Math.max(0, end - maxWords); start < end; start++) {
      const hit = this.matchAt(tokens, start);
      if (hit && hit.next === end && (!best || start < best.start)) best = { value: hit.value, start };
    }
    return best;
  }
}
