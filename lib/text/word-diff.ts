import { DIFF_DELETE, DIFF_EQUAL, DIFF_INSERT, cleanupSemantic, makeDiff } from "@sanity/diff-match-patch";

/**
 * Word-level differences between two texts, for people to read: a revision against the previous
 * one, a claim's marked text against the text now at its place. Words (with the figures inside
 * them, "2.3", "10,000", "£3.4bn") change as a whole, so "2.3" → "2.5" reads as one word replaced,
 * not as "3" → "5". Pure and browser-safe: the claim panel runs it too.
 */
export type DiffPart = { op: "equal" | "insert" | "delete"; text: string };

/** Words (letters/digits joined by . , ' ’ - inside them), runs of spaces, or single other characters. */
const TOKEN = /[\p{L}\p{N}]+(?:[.,'’-][\p{L}\p{N}]+)*|\s+|[^\p{L}\p{N}\s]/gu;

/** One UTF-16 unit per distinct token; past this many, the diff falls back to characters. */
const MAX_TOKENS = 60_000;
const FIRST_CODE = 0x100;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

const OPS = { [DIFF_EQUAL]: "equal", [DIFF_INSERT]: "insert", [DIFF_DELETE]: "delete" } as const;

export function diffWords(before: string, after: string, timeoutSeconds = 2): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  const codes = new Map<string, string>();
  const words: string[] = [];
  const encode = (tokens: string[]): string | null => {
    let out = "";
    for (const t of tokens) {
      let c = codes.get(t);
      if (c === undefined) {
        if (words.length >= MAX_TOKENS) return null;
        c = String.fromCharCode(FIRST_CODE + words.length);
        codes.set(t, c);
        words.push(t);
      }
      out += c;
    }
    return out;
  };
  const ea = encode(a);
  const eb = ea === null ? null : encode(b);
  let parts: DiffPart[];
  if (ea === null || eb === null) {
    // Too many distinct words for the one-unit-per-word trick: a character diff, cleaned up for reading.
    parts = cleanupSemantic(makeDiff(before, after, { timeout: timeoutSeconds })).map(([op, text]) => ({ op: OPS[op], text }));
  } else {
    parts = makeDiff(ea, eb, { timeout: timeoutSeconds, checkLines: false }).map(([op, text]) => ({
      op: OPS[op],
      text: Array.from(text, (ch) => words[ch.charCodeAt(0) - FIRST_CODE]!).join(""),
    }));
  }
  return mergeParts(parts);
}

/** Adjacent parts of the same kind as one; a deletion before its insertion (reads "old → new"). */
function mergeParts(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    if (!p.text) continue;
    const last = out[out.length - 1];
    if (last && last.op === p.op) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

/** Number of words inserted and deleted (spaces and punctuation alone do not count). */
export function countChangedWords(parts: DiffPart[]): { inserted: number; deleted: number } {
  const words = (t: string) => tokenize(t).filter((x) => /[\p{L}\p{N}]/u.test(x)).length;
  let inserted = 0;
  let deleted = 0;
  for (const p of parts) {
    if (p.op === "insert") inserted += words(p.text);
    else if (p.op === "delete") deleted += words(p.text);
  }
  return { inserted, deleted };
}

/** The old side (equal + deleted parts) and the new side (equal + inserted parts) of a diff. */
export function sidesOf(parts: DiffPart[]): { before: DiffPart[]; after: DiffPart[] } {
  return { before: parts.filter((p) => p.op !== "insert"), after: parts.filter((p) => p.op !== "delete") };
}
