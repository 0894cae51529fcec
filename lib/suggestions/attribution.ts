/** Who said it: speech verbs, "according to", and quotations carried over from their speaker. */
import {
  DETERMINERS,
  DIRECTIVE_SET,
  F_ADJ,
  F_FUNC,
  F_VERB,
  NAME_PARTICLES,
  ORG_CONNECTORS,
  PASSIVE_AUXILIARIES,
  PREPOSITIONS,
  PRONOUN_GENDER,
  SKIP_BEFORE_VERB,
  SPEECH_VERB_RE,
  SPOKES_RE,
  flagsOf,
} from "./lexicon";
import { People, isTitleWord } from "./people";
import { findFirstSegFrom } from "./segmentation";
import {
  QUOTE_MARKS,
  findSpan,
  isCap,
  isSpace,
  isWord,
  isWordChar,
  normaliseSpace,
  stripPossessive,
  tokenize,
} from "./text-scan";
import type { QuoteSeg, Resolved, Sentence, Span, Token } from "./types";

export interface SpeakerNP {
  kind: "name" | "pronoun" | "title" | "org";
  tokens: string[];
  pos: number;
}

export function npBeforeVerb(toks: readonly Token[], end: number, nested: boolean): SpeakerNP | null {
  let i = end;
  while (i >= 0) {
    const w = toks[i]!.text;
    const lower = w.toLowerCase();
    if (SKIP_BEFORE_VERB.has(lower) || (/^\p{Ll}+ly$/u.test(w) && lower !== "only")) i--;
    else break;
  }
  if (i < 0) return null;
  const t = toks[i]!;
  if (t.text === "," && !nested) {
    // "the chancellor, Rachel Reeves, said" or "Rachel Reeves, the chancellor, said"
    let j = i - 1;
    while (
      j >= 0 &&
      i - j <= 12 &&
      toks[j]!.text !== "," &&
      (isWord(toks[j]!.text) || toks[j]!.text === "-" || toks[j]!.text === ".")
    )
      j--;
    if (j < 0 || toks[j]!.text !== ",") return null;
    const inner = toks.slice(j + 1, i);
    if (inner.length > 0 && inner.every((x) => isCap(x.text) || NAME_PARTICLES.has(x.text))) {
      return { kind: "name", tokens: inner.map((x) => x.text), pos: inner[0]!.start };
    }
    const head = npBeforeVerb(toks, j - 1, true);
    return head && head.kind === "name" ? head : null;
  }
  const lower = t.text.toLowerCase();
  if (Object.hasOwn(PRONOUN_GENDER, lower) && (lower !== "i" || t.text === "I")) {
    return { kind: "pronoun", tokens: [lower], pos: t.start };
  }
  if (isCap(t.text)) {
    let k = i;
    while (k - 1 >= 0) {
      const prev = toks[k - 1]!.text;
      if (isCap(prev) && isWord(prev)) k--;
      else if ((ORG_CONNECTORS.has(prev) || NAME_PARTICLES.has(prev)) && k - 2 >= 0 && isCap(toks[k - 2]!.text)) k--;
      else break;
    }
    const run = toks.slice(k, i + 1).map((x) => x.text);
    let p = k - 1;
    let determiner = false;
    if (p >= 0 && DETERMINERS.has(toks[p]!.text.toLowerCase())) {
      determiner = true;
      p--;
    }
    if (p >= 0 && PREPOSITIONS.has(toks[p]!.text.toLowerCase())) {
      // "a spokesperson for the Treasury said" names the organisation; "officials in Brussels
      // said" names only where the unnamed speakers were.
      const head = p - 1 >= 0 ? toks[p - 1]!.text : "";
      const via = toks[p]!.text.toLowerCase();
      const named = SPOKES_RE.test(head) && (via === "for" || via === "at" || via === "from" || via === "of");
      return named ? { kind: "org", tokens: run, pos: toks[k]!.start } : null;
    }
    return { kind: determiner ? "org" : "name", tokens: run, pos: toks[k]!.start };
  }
  if (/^\p{Ll}/u.test(t.text)) {
    // A description headed by a noun: "the foreign secretary", "a Treasury spokesperson"
    let k = i;
    while (k >= 0 && i - k < 6 && isWord(toks[k]!.text) && !DETERMINERS.has(toks[k]!.text.toLowerCase())) k--;
    if (k < 0 || !DETERMINERS.has(toks[k]!.text.toLowerCase())) return null;
    const words = toks.slice(k + 1, i + 1).map((x) => x.text);
    if (SPOKES_RE.test(t.text)) {
      const org = words.filter((w) => isCap(w));
      if (org.length > 0) return { kind: "org", tokens: org, pos: toks[k + 1]!.start };
    }
    return { kind: "title", tokens: [toks[k]!.text.toLowerCase(), ...words], pos: toks[k]!.start };
  }
  return null;
}

export function npAfterVerb(toks: readonly Token[]): SpeakerNP | null {
  const t = toks[0];
  if (!t) return null;
  const lower = t.text.toLowerCase();
  if (lower === "he" || lower === "she") return { kind: "pronoun", tokens: [lower], pos: t.start };
  if (DETERMINERS.has(lower)) {
    const second = toks[1];
    if (second && isCap(second.text) && isWord(second.text)) {
      const run = npAfterVerb(toks.slice(1));
      if (run && run.kind === "name") {
        // "the French government": the capitalised words only modify the noun that follows.
        const tokens = [...run.tokens];
        for (let i = 1 + run.tokens.length; i < toks.length && tokens.length < run.tokens.length + 2; i++) {
          const w = toks[i]!.text;
          if (!/^\p{Ll}[\p{L}-]*$/u.test(w) || (flagsOf(w) & (F_FUNC | F_VERB | F_ADJ)) !== 0) break;
          tokens.push(w);
        }
        return { ...run, tokens, kind: "org" };
      }
    }
    const words: string[] = [];
    let i = 1;
    for (; i < toks.length && words.length < 6 && isWord(toks[i]!.text); i++) {
      if (PREPOSITIONS.has(toks[i]!.text.toLowerCase())) break;
      words.push(toks[i]!.text);
    }
    if (words.length === 0) return null;
    if (SPOKES_RE.test(words[words.length - 1]!) && i < toks.length && PREPOSITIONS.has(toks[i]!.text.toLowerCase())) {
      const org = npAfterVerb(toks.slice(i + 1));
      if (org && (org.kind === "name" || org.kind === "org")) return { ...org, kind: "org" };
    }
    return { kind: "title", tokens: [lower, ...words], pos: t.start };
  }
  if (isCap(t.text)) {
    const run: string[] = [t.text];
    for (let i = 1; i < toks.length; i++) {
      const w = toks[i]!.text;
      if (isCap(w) && isWord(w)) run.push(w);
      else if ((ORG_CONNECTORS.has(w) || NAME_PARTICLES.has(w)) && i + 1 < toks.length && isCap(toks[i + 1]!.text)) run.push(w);
      else break;
    }
    return { kind: "name", tokens: run, pos: t.start };
  }
  return null;
}

export function resolveSpeaker(np: SpeakerNP, people: People): Resolved | null {
  if (np.kind === "pronoun") {
    const word = np.tokens[0] ?? "";
    const gender = PRONOUN_GENDER[word];
    const claimant = gender ? people.resolvePronoun(np.pos, gender) : undefined;
    return claimant ? { claimant, label: word } : { label: word };
  }
  if (np.kind === "title") {
    const words = np.tokens.slice(1).map((w) => stripPossessive(w).word.toLowerCase());
    const label = np.tokens.join(" ");
    // Only a description headed by an office can be a bound title; "the government" stays as it is.
    if (!isTitleWord(words[words.length - 1] ?? "")) return { label };
    const claimant = people.titleHolder(words.join(" "), np.pos);
    return claimant ? { claimant, label } : { label };
  }
  const tokens = [...np.tokens];
  while (tokens.length > 1 && ORG_CONNECTORS.has(tokens[tokens.length - 1]!)) tokens.pop();
  if (np.kind === "org") {
    const claimant = normaliseSpace(tokens.join(" ").replace(/^(?:The|the)\s+/, ""));
    return { claimant: stripPossessive(claimant).word, label: claimant };
  }
  const info = people.nameInfo(tokens, np.pos, true);
  if (!info) return null;
  return { claimant: info.claimant, label: info.claimant };
}

export const ACCORDING_HEAD_RE =
  /^(?:(?:the|a|an)\s+)?(?:(?:latest|new|official|provisional|recent|published|annual|monthly|government|internal)\s+)*(?:figures|data|statistics|estimates|report|survey|study|research|analysis|poll|polling|documents|sources|statement|census|modelling|projections|records)(?:\s+(?:from|by|published\s+by|released\s+by|compiled\s+by|of|for))?\s+/iu;

export function parseAccordingTo(text: string, from: number, limit: number, people: People): Resolved {
  const window = text.slice(from, Math.min(limit, from + 160));
  const head = ACCORDING_HEAD_RE.exec(window);
  const offset = head ? head[0].length : 0;
  const toks = tokenize(text, from + offset, Math.min(limit, from + offset + 80));
  let np = npAfterVerb(toks);
  if (np && np.kind === "title") {
    const words = np.tokens.slice(1);
    const caps = words.filter((w) => isCap(w));
    if (caps.length > 0 && caps.length === words.length) np = { kind: "org", tokens: words, pos: np.pos };
  }
  // The words up to the next punctuation describe the source even when nobody is named.
  const describe = /^[^,.;:!?()“”"]{1,80}/u.exec(window);
  const described = normaliseSpace(describe ? describe[0] : window.slice(0, 40));
  if (np && (np.kind === "name" || np.kind === "org" || np.kind === "pronoun")) {
    const resolved = resolveSpeaker(np, people);
    if (resolved?.claimant) return { claimant: resolved.claimant, label: described };
  }
  return { label: described };
}

export function attributeSentences(text: string, sentences: Sentence[], segs: readonly QuoteSeg[], people: People): void {
  for (const m of text.matchAll(SPEECH_VERB_RE)) {
    const verbStart = m.index;
    const verbEnd = verbStart + m[0].length;
    if (findSpan(segs, verbStart) >= 0) continue; // the speaker's own words, not an attribution
    const si = findSpan(sentences, verbStart);
    if (si < 0) continue;
    const sentence = sentences[si]!;
    if (sentence.attribution) continue;
    const verb = normaliseSpace(m[0]);
    const before = tokenize(text, Math.max(sentence.start, verbStart - 120), verbStart);
    let np = before.length > 0 ? npBeforeVerb(before, before.length - 1, false) : null;
    const lastBefore = before[before.length - 1]?.text ?? "";
    // "was told by officials": the subject is the listener, not the speaker.
    if (PASSIVE_AUXILIARIES.has(lastBefore.toLowerCase())) continue;
    if (!np && (QUOTE_MARKS.has(lastBefore) || lastBefore === ",")) {
      np = npAfterVerb(tokenize(text, verbEnd, Math.min(sentence.end, verbEnd + 80)));
    }
    if (!np) continue;
    const resolved = resolveSpeaker(np, people);
    if (!resolved) continue;
    sentence.attribution = { resolved, directive: DIRECTIVE_SET.has(verb) };
  }
}

export function attributeQuotes(paragraphs: readonly Span[], sentences: readonly Sentence[], segs: QuoteSeg[]): void {
  // Speech verbs outside a quotation speak for every quotation in the same sentence.
  for (const sentence of sentences) {
    if (!sentence.attribution) continue;
    let i = findFirstSegFrom(segs, sentence.start);
    for (; i < segs.length && segs[i]!.start < sentence.end; i++) {
      if (segs[i]!.end > sentence.start && segs[i]!.speaker === undefined) segs[i]!.speaker = sentence.attribution.resolved;
    }
  }
  // Then within a paragraph, "“A,” she said. “B.”": B is hers too.
  for (let i = 1; i < segs.length; i++) {
    const a = segs[i - 1]!;
    const b = segs[i]!;
    if (b.speaker === undefined && a.para === b.para && a.speaker) b.speaker = a.speaker;
  }
  for (let i = segs.length - 2; i >= 0; i--) {
    const a = segs[i]!;
    const b = segs[i + 1]!;
    if (a.speaker === undefined && a.para === b.para && b.speaker) a.speaker = b.speaker;
  }

  const lastSpeaker: (Resolved | undefined)[] = paragraphs.map(() => undefined);
  const sentenceStartOfPara: number[] = [];
  sentences.forEach((s, i) => {
    if (sentenceStartOfPara[s.para] === undefined) sentenceStartOfPara[s.para] = i;
  });
  let segIndex = 0;
  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p]!;
    while (segIndex < segs.length && segs[segIndex]!.para < p) segIndex++;
    for (let i = segIndex; i < segs.length && segs[i]!.para === p; i++) {
      const head = segs[i]!;
      if (head.prev >= 0) continue;
      const chain: QuoteSeg[] = [head];
      for (let n = head.next; n >= 0; n = segs[n]!.next) chain.push(segs[n]!);
      const opensParagraph = head.start === para.start;
      // Only a quotation running over paragraphs, or one filling its own paragraph, is the
      // reporting convention's "speaker named at the close or in the paragraph before".
      if (chain.length === 1 && !(opensParagraph && head.end >= para.end - 1)) continue;
      const closing = chain[chain.length - 1]!;
      const before = opensParagraph && p > 0 ? lastSpeaker[p - 1] : undefined;
      const speaker = closing.speaker ?? head.speaker ?? before;
      if (speaker) for (const seg of chain) seg.speaker = speaker;
    }
    // What this paragraph leaves for the next: its last named speaker.
    let last: Resolved | undefined;
    for (let s = sentenceStartOfPara[p] ?? sentences.length; s < sentences.length && sentences[s]!.para === p; s++) {
      const attr = sentences[s]!.attribution;
      if (attr) last = attr.resolved;
      for (let q = findFirstSegFrom(segs, sentences[s]!.start); q < segs.length && segs[q]!.start < sentences[s]!.end; q++) {
        if (segs[q]!.speaker) last = segs[q]!.speaker!;
      }
    }
    lastSpeaker[p] = last;
  }
}
/** Words of the unit that lie inside quotation marks. */
export function quotedWords(text: string, unit: Span, segs: readonly QuoteSeg[]): number {
  let words = 0;
  for (let i = findFirstSegFrom(segs, unit.start); i < segs.length && segs[i]!.start < unit.end; i++) {
    const s = Math.max(unit.start, segs[i]!.start);
    const e = Math.min(unit.end, segs[i]!.end);
    let inWord = false;
    for (let k = s; k < e; k++) {
      if (isSpace(text.charCodeAt(k))) inWord = false;
      else if (!inWord && isWordChar(text, k)) {
        inWord = true;
        words++;
      }
    }
  }
  return words;
}

export function quoteSpeaker(unit: Span, segs: readonly QuoteSeg[]): Resolved | null {
  let best: Resolved | null = null;
  let bestLength = 0;
  for (let i = findFirstSegFrom(segs, unit.start); i < segs.length && segs[i]!.start < unit.end; i++) {
    const seg = segs[i]!;
    const length = Math.min(unit.end, seg.end) - Math.max(unit.start, seg.start);
    if (seg.speaker && length > bestLength) {
      best = seg.speaker;
      bestLength = length;
    }
  }
  // A scare-quoted phrase in the reporter's own sentence does not make the sentence the speaker's.
  return bestLength * 2 >= unit.end - unit.start ? best : null;
}
