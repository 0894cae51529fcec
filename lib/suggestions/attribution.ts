/**
 * Who said it: speech verbs, "according to", and quotations carried over from their speaker.
 *
 * Longer than ~400 lines because the steps (the speaker before or after the verb, resolving it to
 * a name, the frame the clause leaves out, quotations) work on the same tokens and People and are
 * tuned against each other; split, each would export the others' internals.
 */
import {
  DETERMINERS,
  DIRECTIVE_SET,
  F_ADJ,
  F_DATE,
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
  F_FIRST,
  F_ORG,
  F_PERSON,
  HONORIFICS,
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
  previousWord,
  stripPossessive,
  tokenize,
} from "./text-scan";
import type { QuoteSeg, Resolved, Sentence, Span, Token } from "./types";

export interface SpeakerNP {
  kind: "name" | "pronoun" | "title" | "org";
  tokens: string[];
  pos: number;
}

const UNNAMED_SPEAKER_RE =
  /^(?:officials|sources|critics|economists|analysts|experts|residents|campaigners|officers|diplomats|figures|data)$/;

/** An acronym ("ONS") or an adjective ("separate", "regional") before "figures" or "officials". */
function isSpeakerModifier(word: string): boolean {
  if (/^\p{Lu}{2,}$/u.test(word)) return true;
  const f = flagsOf(word);
  return (f & F_ADJ) !== 0 && (f & (F_FUNC | F_DATE)) === 0;
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
    // "The Environment Agency said" at the start of a sentence: "The" is capitalised but no part of the name.
    if (k < i && /^(?:The|A|An)$/.test(toks[k]!.text)) k++;
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
    const isPossessive = (w: string) => /[’']s$/u.test(w);
    while (
      k >= 0 &&
      i - k < 6 &&
      isWord(toks[k]!.text) &&
      !DETERMINERS.has(toks[k]!.text.toLowerCase()) &&
      !(k < i && isPossessive(toks[k]!.text) && isCap(toks[k]!.text))
    )
      k--;
    // "Russia’s defence ministry": a named owner stands where a determiner would.
    if (k >= 0 && k < i && isPossessive(toks[k]!.text) && isCap(toks[k]!.text)) {
      const words = toks.slice(k, i + 1).map((x) => x.text);
      return { kind: "title", tokens: ["", ...words], pos: toks[k]!.start };
    }
    if (k < 0 || !DETERMINERS.has(toks[k]!.text.toLowerCase())) {
      // "regional officials said": nobody named, but the words still frame the claim.
      if (!UNNAMED_SPEAKER_RE.test(t.text)) return null;
      // Its modifiers belong to the frame too: "…, separate ONS figures showed", "regional officials said".
      let m = i;
      while (m > 0 && i - m < 3 && isSpeakerModifier(toks[m - 1]!.text)) m--;
      return { kind: "title", tokens: ["", t.text], pos: toks[m]!.start };
    }
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
      if (run && run.kind === "name" && /[’']s$/u.test(run.tokens[run.tokens.length - 1]!)) {
        return {
          ...run,
          tokens: [...run.tokens.slice(0, -1), stripPossessive(run.tokens[run.tokens.length - 1]!).word],
          kind: "org",
        };
      }
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
    // "said the authority’s chair, Maria Lopez": the name after the office.
    if (toks[i]?.text === "," && toks[i + 1] && isCap(toks[i + 1]!.text) && isWord(toks[i + 1]!.text)) {
      const named = npAfterVerb(toks.slice(i + 1));
      if (named?.kind === "name" && named.tokens.length >= 2) return named;
    }
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

const isOrgWord = (word: string) => (flagsOf(word) & F_ORG) !== 0;

export function resolveSpeaker(np: SpeakerNP, people: People, lastOrg?: Resolved): Resolved | null {
  if (np.kind === "pronoun") {
    const word = np.tokens[0] ?? "";
    // "It said": the organisation that spoke last.
    if (word === "it") return lastOrg?.claimant ? { ...lastOrg, label: word } : { label: word };
    const gender = PRONOUN_GENDER[word];
    const claimant = gender ? people.resolvePronoun(np.pos, gender) : undefined;
    return claimant ? { claimant, label: word, type: "Person" } : { label: word };
  }
  if (np.kind === "title") {
    const raw = np.tokens.slice(1);
    const words = raw.map((w) => stripPossessive(w).word);
    const lower = words.map((w) => w.toLowerCase());
    const label = np.tokens.join(" ").trim();
    const head = lower[lower.length - 1] ?? "";
    // "the government’s own figures show", "the King’s Fund’s analysis": the owner is the source.
    const owner = raw.findIndex((w) => /[’']s$/u.test(w));
    if (
      owner >= 0 &&
      owner < raw.length - 1 &&
      /^(?:figures|data|statistics|analysis|report|research|survey|estimates?)$/.test(head)
    ) {
      const name = words.slice(0, owner + 1).join(" ");
      const named = people.orgReference(lower[owner]!, np.pos);
      return { claimant: named ?? name, label, type: "Organization" };
    }
    if (owner >= 0 && owner < raw.length - 1 && isOrgWord(head)) {
      // "Russia’s defence ministry" is named as the text names it.
      return { claimant: [...raw.slice(0, -1), words[words.length - 1]].join(" "), label, type: "Organization" };
    }
    // "the council", "a council spokesperson": the organisation named earlier, or as described.
    const orgAt = lower.findLastIndex((w) => isOrgWord(w));
    if (orgAt >= 0 && (orgAt === lower.length - 1 || SPOKES_RE.test(head))) {
      const named = people.orgReference(lower[orgAt]!, np.pos);
      if (named) return { claimant: named, label, type: "Organization" };
      // Nothing named earlier: the organisation as the text describes it ("the council").
      if (orgAt === lower.length - 1) return { claimant: words.join(" "), label, type: "Organization" };
      return { label };
    }
    // Only a description headed by an office can be a bound title; "the government" stays as it is.
    if (!isTitleWord(head)) return { label };
    const claimant = people.titleHolder(lower.join(" "), np.pos);
    return claimant ? { claimant, label, type: "Person" } : { label };
  }
  const tokens = [...np.tokens];
  while (tokens.length > 1 && ORG_CONNECTORS.has(tokens[tokens.length - 1]!)) tokens.pop();
  if (np.kind === "org") {
    const claimant = stripPossessive(normaliseSpace(tokens.join(" ").replace(/^(?:The|the)\s+/, ""))).word;
    const longer = !claimant.includes(" ") ? people.orgReference(claimant, np.pos) : undefined;
    if (claimant.includes(" ")) people.addOrg(claimant, np.pos);
    return { claimant: longer ?? claimant, label: claimant, type: "Organization" };
  }
  const info = people.nameInfo(tokens, np.pos, true);
  if (!info) return null;
  if (!info.person && !info.claimant.includes(" ")) {
    const longer = people.orgReference(info.claimant, np.pos);
    if (longer) return { claimant: longer, label: info.claimant, type: "Organization" };
  }
  const type = info.person ? "Person" : info.org ? "Organization" : undefined;
  return type ? { claimant: info.claimant, label: info.claimant, type } : { claimant: info.claimant, label: info.claimant };
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
  const last = np?.tokens[np.tokens.length - 1] ?? "";
  if (np && np.kind === "name" && /[’']s$/u.test(last)) {
    // "according to Northern Rail’s own figures": the owner of the figures is the source; a
    // person only when the name starts with an honorific or a known first name.
    const tokens = [...np.tokens.slice(0, -1), stripPossessive(last).word];
    const first = tokens[0]!.toLowerCase();
    const person = Object.hasOwn(HONORIFICS, first) || (flagsOf(first) & (F_FIRST | F_PERSON)) !== 0;
    if (person) {
      const info = people.nameInfo(tokens, np.pos, true);
      if (info) return { claimant: info.claimant, label: described, type: "Person" };
    }
    return {
      claimant: people.orgReference(tokens.join(" "), np.pos) ?? tokens.join(" "),
      label: described,
      type: "Organization",
    };
  }
  // "according to the council’s own figures": a description resolves to the organisation named earlier.
  if (np && (np.kind === "name" || np.kind === "org" || np.kind === "pronoun" || np.kind === "title")) {
    const resolved = resolveSpeaker(np, people);
    if (resolved?.claimant) return { ...resolved, label: described };
  }
  return { label: described };
}

// "…, claiming that": the subject of the sentence is the speaker.
const PARTICIPLE_RE = /\b(?:claiming|saying|arguing|insisting|warning|adding|noting|stressing|suggesting)(?=\s+that\b|:)/g;
// After the verb: an object and adverbials up to "that" ("told the BBC’s Today programme that").
const THAT_AFTER_RE = /^[^.;:!?“”"\d]{0,70}?\bthat\s+/u;
const COLON_AFTER_RE = /^\s*(?:[^.;:!?“”"\d,]{0,40})?:\s*/u;
// "…, the ONS said on Thursday," or "…, she said in a statement." closes the frame at the punctuation.
const TRAILING_AFTER_RE =
  /^(?:\s+(?:on|in|at|last|this|yesterday|today|earlier|later|late|during|before|after)\b[^,.;:!?“”"\d]{0,50})?\s*(?:[,.;!?]|$)/u;
const LISTENER_AFTER_RE =
  /^\s+(?:reporters|journalists|MPs|peers|members|councillors|(?:the\s+)?(?:[A-Z][\p{L}’']*\s+){1,4}(?:programme\s+)?|him|her|them|us|me)\s*/u;
const IN_FRAME_AFTER_RE =
  /^\s+(?:in\s+a\s+(?:statement|speech|letter|post|report|interview)|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b/u;

/** Where the attributing words end, so that the clause after them starts clean. */
function frameEnd(text: string, verbEnd: number, sentenceEnd: number, verb: string): number {
  const after = text.slice(verbEnd, Math.min(sentenceEnd, verbEnd + 90));
  const that = THAT_AFTER_RE.exec(after);
  if (that) return verbEnd + that[0].length;
  const colon = COLON_AFTER_RE.exec(after);
  if (colon) return verbEnd + colon[0].length;
  const trailing = TRAILING_AFTER_RE.exec(after);
  if (trailing) return verbEnd + trailing[0].length;
  let end = verbEnd;
  const inFrame = IN_FRAME_AFTER_RE.exec(after);
  if (inFrame) end += inFrame[0].length;
  if (verb === "told" || verb === "tells" || verb === "asked") {
    const listener = LISTENER_AFTER_RE.exec(text.slice(end, Math.min(sentenceEnd, end + 60)));
    if (listener) end += listener[0].length;
  }
  return end;
}

/** Start of the frame: the speaker, or the comma before a speaker who follows the claim. */
function frameStart(text: string, npStart: number, sentenceStart: number): number {
  // "…, the Office for National Statistics said": the article belongs to the speaker, not the claim.
  let start = npStart;
  const word = previousWord(text, npStart);
  if (word && word.start >= sentenceStart && /^(?:the|a|an)$/i.test(text.slice(word.start, word.end))) start = word.start;
  let s = start;
  while (s > sentenceStart && isSpace(text.charCodeAt(s - 1))) s--;
  return s > sentenceStart && text.charAt(s - 1) === "," ? s - 1 : start;
}

export function attributeSentences(text: string, sentences: Sentence[], segs: readonly QuoteSeg[], people: People): void {
  let lastOrg: Resolved | undefined;
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
    let frame: Span | null = null;
    if (np) {
      frame = { start: frameStart(text, np.pos, sentence.start), end: frameEnd(text, verbEnd, sentence.end, verb) };
    } else if (QUOTE_MARKS.has(lastBefore) || lastBefore === ",") {
      // "…,” said Dr Aled Jones, who chairs the board." The frame runs to the next quotation or the end.
      np = npAfterVerb(tokenize(text, verbEnd, Math.min(sentence.end, verbEnd + 80)));
      const nextQuote = findFirstSegFrom(segs, verbEnd);
      const quoteStart = segs[nextQuote]?.start ?? sentence.end;
      frame = { start: verbStart, end: Math.min(sentence.end, quoteStart) };
    }
    if (!np || !frame) continue;
    const resolved = resolveSpeaker(np, people, lastOrg);
    if (!resolved) continue;
    if (resolved.type === "Organization") lastOrg = resolved;
    sentence.attribution = { resolved, directive: DIRECTIVE_SET.has(verb), frame };
  }
  // "X disputed the account, claiming that …": the subject named before the participle.
  for (const m of text.matchAll(PARTICIPLE_RE)) {
    const si = findSpan(sentences, m.index);
    if (si < 0 || findSpan(segs, m.index) >= 0) continue;
    const sentence = sentences[si]!;
    if (sentence.attribution) continue;
    let subject: { name: string } | undefined;
    for (let i = people.mentionsBefore(sentence.start); i < people.mentions.length; i++) {
      const x = people.mentions[i]!;
      if (x.pos >= m.index) break;
      if (x.subject) {
        subject = x;
        break;
      }
    }
    const claimant = subject?.name ?? people.lastSubject(m.index);
    if (!claimant) continue;
    const end = frameEnd(text, m.index + m[0].length, sentence.end, m[0]);
    sentence.attribution = {
      resolved: { claimant, label: claimant, type: "Person" },
      directive: false,
      frame: { start: sentence.start, end },
    };
  }
}

export function attributeQuotes(
  paragraphs: readonly Span[],
  sentences: readonly Sentence[],
  segs: QuoteSeg[],
  people: People,
): void {
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
      let speaker = closing.speaker ?? head.speaker ?? before;
      // An interview's answers: a quotation filling its paragraph, nobody named around it, is
      // the words of the person the piece was last about.
      if (!speaker && opensParagraph) {
        const subject = people.lastSubject(head.start);
        if (subject) speaker = { claimant: subject, label: subject, type: "Person" };
      }
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
