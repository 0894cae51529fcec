/**
 * People: every capitalised run in the text, classified with the lexicon, so that pronouns,
 * surnames and titles can be resolved to a full name seen earlier.
 */
import {
  DETERMINERS,
  F_ACTOR,
  F_ADJ,
  F_COMMON,
  F_DEMONYM,
  F_FEMALE,
  F_FIRST,
  F_FUNC,
  F_LAST,
  F_MALE,
  F_NAME,
  F_ORG,
  F_PERSON,
  F_PLACE,
  F_PLURAL,
  F_VERB,
  HONORIFICS,
  SPEECH_VERB_SET,
  TITLE_WORDS,
  flagsOf,
} from "./lexicon";
import { findSpan, isCap, stripPossessive } from "./text-scan";
import type { QuoteSeg, Span } from "./types";

export interface Mention {
  pos: number;
  name: string;
  gender: "m" | "f" | "";
  subject: boolean;
  possessive: boolean;
  inQuote: boolean;
}

export interface NameInfo {
  claimant: string;
  person: boolean;
  /** Carries an organisation word ("Council", "Ministry", "NHS"). */
  org?: boolean;
  gender: "m" | "f" | "";
  titleWords: string[];
}

// Anchored on Latin capitals: a leading \p{Lu} makes V8 try the whole pattern at every position.
export const NAME_RUN_RE =
  /(?<![A-Za-z0-9\u00c0-\u024f’'-])(?:(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt)\.\s)?[A-Z\u00c0-\u00d6\u00d8-\u00de][\p{L}\p{M}’'-]*(?:[ \u00a0](?:(?:de|del|della|di|da|dos|du|van|von|der|den|le|la|bin|bint|al|ibn|ter)[ \u00a0])?\p{Lu}[\p{L}\p{M}’'-]*)*/gu;

export const AFTER_NAME_RE =
  /\s*(?:,[^,.;“”"]{1,80},)?\s*,?\s*(?:(?:also|later|then|previously|has|have|had|again|once|recently|\p{Ll}+ly)\s+)*(\p{Ll}[\p{L}-]*)/uy;
export const APPOSITIVE_AFTER_RE = /,\s+(?:the\s+|a\s+)?((?:[\p{L}’'-]+\s+){0,3}[\p{L}’'-]+),/uy;
export const APPOSITIVE_BEFORE_RE = /(?:^|\s)the\s+((?:[\p{L}’'-]+\s+){0,3}[\p{L}’'-]+),\s+$/iu;

const ORG_TAIL_RE = /^(?:\s+(?:of|for|on)(?:\s+the)?(?:\s+\p{Lu}[\p{L}’'-]*)+)+/u;
const SPEECH_BEFORE_NAME_RE = /\b(?:said|says|added|told|wrote|asked)\s+$/;

export function isTitleWord(word: string): boolean {
  const lower = word.toLowerCase();
  return TITLE_WORDS.has(lower) || (flagsOf(lower) & F_ACTOR) !== 0;
}

export class People {
  readonly mentions: Mention[] = [];
  private readonly surnames = new Map<string, { full: string; gender: "m" | "f" | ""; pos: number }[]>();
  private readonly titles = new Map<string, { names: Set<string>; pos: number }>();
  /** Named organisations in text order, for "the council", "the ministry" and acronyms later on. */
  private readonly orgs: { pos: number; name: string; words: string[]; initials: string }[] = [];

  constructor(
    private readonly text: string,
    paragraphs: readonly Span[],
    segs: readonly QuoteSeg[],
  ) {
    for (const para of paragraphs) {
      const slice = text.slice(para.start, para.end);
      NAME_RUN_RE.lastIndex = 0;
      for (let m = NAME_RUN_RE.exec(slice); m !== null; m = NAME_RUN_RE.exec(slice))
        this.scanRun(m[0], para.start + m.index, para, segs);
    }
  }

  private scanRun(run: string, pos: number, para: Span, segs: readonly QuoteSeg[]): void {
    const text = this.text;
    const runEnd = pos + run.length;
    if (!run.includes(" ") && !run.includes("\u00a0")) {
      // Most runs are one capitalised word ("The", "However", "Nato"): it can only be a person
      // as a known surname, which is all nameInfo would find out, without its allocations.
      const word = stripPossessive(run.endsWith(".") ? run.slice(0, -1) : run).word.toLowerCase();
      if (!this.surnames.has(word) && (flagsOf(word) & (F_LAST | F_PERSON)) === 0) return;
    }
    const tokens = run.split(/[ \u00a0]+/);
    let info = this.nameInfo(tokens, pos, false);
    // The word after the name decides whether it is a clause subject (for pronouns) and lets two
    // unknown capitalised words count as a person when they are saying something.
    if (!info?.person && tokens.length < 2) return;
    AFTER_NAME_RE.lastIndex = runEnd;
    const after = AFTER_NAME_RE.exec(text);
    const nextWord = after && after.index === runEnd ? (after[1] ?? "") : "";
    const speechNext = SPEECH_VERB_SET.has(nextWord) || SPEECH_VERB_SET.has(`${nextWord} out`);
    const partOfName = /\b(?:of|for)\s+(?:the\s+)?$/i.test(text.slice(Math.max(para.start, pos - 10), pos));
    if (!info?.person && speechNext && !partOfName) info = this.nameInfo(tokens, pos, true);
    if (info?.org && !/[’']s?$/u.test(run)) {
      // "Ministry of Housing", "Bank of England": the run stops at "of"; the name does not.
      const tail = ORG_TAIL_RE.exec(text.slice(runEnd, runEnd + 60));
      this.addOrg(tail ? `${info.claimant}${tail[0]}` : info.claimant, pos);
    }
    if (!info || !info.person) return;
    // "…,” said Tom Reyes.": the speaker after the verb is the subject a later "he" refers to.
    const verbBefore = SPEECH_BEFORE_NAME_RE.test(text.slice(Math.max(para.start, pos - 12), pos));
    const auxiliaryNext = /^\s+(?:has|have|had|is|was|will|would|does|did)\s/.test(text.slice(runEnd, runEnd + 8));
    const verbNext =
      verbBefore ||
      auxiliaryNext ||
      speechNext ||
      /ed$/.test(nextWord) ||
      (nextWord !== "" && (flagsOf(nextWord) & F_VERB) !== 0);
    const possessive = /[’']s?$/u.test(run);
    const segIndex = findSpan(segs, pos);
    this.mentions.push({
      pos,
      name: info.claimant,
      gender: info.gender,
      subject: verbNext && !possessive,
      possessive,
      inQuote: segIndex >= 0,
    });
    this.bindTitles(info, pos, runEnd, para);
  }

  /** Record "Health minister Sarah Evans", "the chancellor, Rachel Reeves," and "X, the foreign secretary,". */
  private bindTitles(info: NameInfo, pos: number, runEnd: number, para: Span): void {
    const text = this.text;
    const before = text.slice(Math.max(para.start, pos - 60), pos);
    const keys: string[] = [];
    const words = before.split(/\s+/);
    words.pop(); // the empty string after the trailing space, or a partial word
    const lead: string[] = [];
    for (let i = words.length - 1; i >= 0 && lead.length < 3; i--) {
      const w = words[i]!;
      if (!/^[\p{L}-]+$/u.test(w) || DETERMINERS.has(w.toLowerCase())) break;
      if (lead.length === 0 && !isTitleWord(w)) break;
      const f = flagsOf(w);
      if (!(isTitleWord(w) || (f & (F_ADJ | F_DEMONYM)) !== 0 || isCap(w))) break;
      lead.unshift(w.toLowerCase());
    }
    if (lead.length > 0 || info.titleWords.length > 0) keys.push([...lead, ...info.titleWords].join(" "));
    const appBefore = APPOSITIVE_BEFORE_RE.exec(before);
    if (appBefore?.[1] && isTitleWord(appBefore[1].split(/\s+/).pop() ?? "")) keys.push(appBefore[1].toLowerCase());
    APPOSITIVE_AFTER_RE.lastIndex = runEnd;
    const appAfter = APPOSITIVE_AFTER_RE.exec(text);
    if (appAfter?.[1] && appAfter.index === runEnd && isTitleWord(appAfter[1].split(/\s+/).pop() ?? "")) {
      keys.push(appAfter[1].toLowerCase());
    }
    for (const key of keys) {
      if (!key) continue;
      const entry = this.titles.get(key);
      if (entry) entry.names.add(info.claimant);
      else this.titles.set(key, { names: new Set([info.claimant]), pos });
    }
  }

  /**
   * Classifies a capitalised run. `asSpeaker` admits two unknown capitalised words as a person
   * when they are the subject of a speech verb ("Priya Sharma said"), where an organisation would
   * usually carry an organisation word or a determiner.
   */
  nameInfo(rawTokens: readonly string[], pos: number, asSpeaker: boolean): NameInfo | null {
    let tokens = rawTokens.map((t) => t.replace(/\.$/, "")).filter((t) => t.length > 0);
    if (tokens.length === 0) return null;
    const last = stripPossessive(tokens[tokens.length - 1]!);
    tokens[tokens.length - 1] = last.word;

    let gender: "m" | "f" | "" = "";
    let honorific = "";
    const titleWords: string[] = [];
    // "Nato Secretary General Mark Rutte": everything up to the last office word is the office.
    for (let i = tokens.length - 2; i >= 1; i--) {
      if (!TITLE_WORDS.has(tokens[i]!.toLowerCase())) continue;
      const rest = tokens.slice(i + 1);
      if (rest.length >= 2 && (flagsOf(rest[0]!) & (F_FIRST | F_PERSON)) !== 0) {
        titleWords.push(...tokens.slice(0, i + 1).map((t) => t.toLowerCase()));
        tokens = rest;
      }
      break;
    }
    // Sentence-initial capitals ("However", "The", "Speaking") and offices ("Defence Secretary")
    // come off the front; a known surname stays even when it is also a word ("Park").
    while (tokens.length > 0) {
      const t = tokens[0]!;
      const lower = t.toLowerCase();
      if (Object.hasOwn(HONORIFICS, lower)) {
        honorific = t;
        gender = HONORIFICS[lower] ?? "";
        tokens = tokens.slice(1);
        continue;
      }
      if (this.surnames.has(lower)) break;
      const f = flagsOf(lower);
      if ((f & (F_FIRST | F_LAST | F_PERSON)) !== 0 && tokens.length > 1) break;
      if (isTitleWord(t) && tokens.length > 1) {
        titleWords.push(lower);
        tokens = tokens.slice(1);
        continue;
      }
      if ((f & (F_FUNC | F_VERB | F_ADJ | F_DEMONYM)) !== 0 && (f & F_NAME) === 0 && (f & F_ORG) === 0) {
        tokens = tokens.slice(1);
        continue;
      }
      break;
    }
    if (tokens.length === 0) return null;

    const flags = tokens.map((t) => flagsOf(t));
    const anyOrg = flags.some((f) => (f & F_ORG) !== 0);
    const anyPlace = flags.some((f) => (f & F_PLACE) !== 0 && (f & F_NAME) === 0);
    const joined = tokens.join(" ");
    if (anyOrg && !honorific) return { claimant: joined, person: false, org: true, gender: "", titleWords };

    const first = flags[0]!;
    let person = false;
    if (honorific) person = true;
    else if (tokens.length === 1) {
      person = this.surnames.has(tokens[0]!.toLowerCase()) || ((first & (F_LAST | F_PERSON)) !== 0 && (first & F_PLACE) === 0);
    } else if (tokens.length <= 4 && !anyPlace) {
      const nameish = flags.map((f) => (f & F_NAME) !== 0);
      const unknown = flags.map((f) => f === 0);
      const lastFlags = flags[flags.length - 1]!;
      if ((first & (F_FIRST | F_PERSON)) !== 0) person = true;
      // First names the lexicon knows only as words ("Maya", "Hope") before a known surname.
      else if ((lastFlags & (F_LAST | F_PERSON)) !== 0 && (first & (F_FUNC | F_PLURAL | F_ACTOR)) === 0) person = true;
      else if (nameish.every((n, i) => n || unknown[i]) && nameish.some((n) => n)) person = true;
      else if (
        asSpeaker &&
        tokens.length <= 3 &&
        flags.every((f) => (f & F_NAME) !== 0 || (f & (F_FUNC | F_PLURAL | F_VERB | F_ACTOR)) === 0)
      ) {
        person = true;
      }
    }

    if (!person) {
      // A lone common word capitalised at the start of a sentence ("Critics said") names nobody.
      if (tokens.length === 1 && (first & F_COMMON) !== 0 && (first & F_NAME) === 0) return null;
      return { claimant: joined, person: false, gender: "", titleWords };
    }

    if (!gender) gender = first & F_MALE ? "m" : first & F_FEMALE ? "f" : "";
    if (tokens.length >= 2) {
      this.registerSurname(tokens[tokens.length - 1]!, joined, gender, pos);
      return { claimant: joined, person: true, gender, titleWords };
    }
    const known = this.fullName(tokens[tokens.length - 1]!, pos, gender);
    if (known) return { claimant: known.full, person: true, gender: gender || known.gender, titleWords };
    return { claimant: honorific ? `${honorific} ${joined}` : joined, person: true, gender, titleWords };
  }

  private registerSurname(surname: string, full: string, gender: "m" | "f" | "", pos: number): void {
    const key = surname.toLowerCase();
    const list = this.surnames.get(key);
    const entry = { full, gender, pos };
    if (!list) this.surnames.set(key, [entry]);
    else if (!list.some((e) => e.full === full && e.pos <= pos)) list.push(entry);
  }

  /** "Mr Lammy" -> the most recent earlier "David Lammy" of a compatible gender. */
  private fullName(surname: string, pos: number, gender: "m" | "f" | "") {
    const list = this.surnames.get(surname.toLowerCase());
    if (!list) return undefined;
    const fits = (g: string) => !gender || !g || g === gender;
    let best: { full: string; gender: "m" | "f" | ""; pos: number } | undefined;
    for (const e of list) if (e.pos <= pos && fits(e.gender) && (!best || e.pos > best.pos)) best = e;
    return best ?? list.find((e) => fits(e.gender));
  }

  /** How many mentions start before pos (they are in text order): a binary search, not a scan from the end. */
  mentionsBefore(pos: number): number {
    let lo = 0;
    let hi = this.mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.mentions[mid]!.pos < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The most recent person named as the subject of a clause before pos; people mentioned inside
   * quotations or only as possessives ("Putin's role") are passed over because a following
   * "he said" almost never refers to them.
   */
  resolvePronoun(pos: number, gender: "m" | "f"): string | undefined {
    let fallback: string | undefined;
    // A subject whose gender the lexicon does not know ("Mark", "Priya") yields to a nearby one
    // whose gender it knows and matches.
    let unknown: { name: string; pos: number } | undefined;
    for (let i = this.mentionsBefore(pos) - 1; i >= 0; i--) {
      const m = this.mentions[i]!;
      if (pos - m.pos > 3000 || (unknown && unknown.pos - m.pos > 400)) break;
      if (m.inQuote || (m.gender && m.gender !== gender)) continue;
      if (m.subject && m.gender) return m.name;
      if (m.subject) unknown ??= { name: m.name, pos: m.pos };
      if (!fallback && !m.possessive) fallback = m.name;
    }
    return unknown?.name ?? fallback;
  }

  addOrg(name: string, pos: number): void {
    const words = name.split(/\s+/);
    const initials = words
      .filter((w) => isCap(w))
      .map((w) => w.charAt(0))
      .join("");
    this.orgs.push({ pos, name, words: words.map((w) => w.toLowerCase()), initials });
  }

  /**
   * The organisation a short reference means: "council" after "Northbridge Borough Council",
   * "LGA" after "Local Government Association". The most recent earlier match wins.
   */
  orgReference(reference: string, pos: number): string | undefined {
    const key = reference.toLowerCase();
    const acronym = /^\p{Lu}{2,6}$/u.test(reference) ? reference : "";
    for (let i = this.orgs.length - 1; i >= 0; i--) {
      const org = this.orgs[i]!;
      if (org.pos >= pos || org.name === reference) continue;
      if (acronym ? org.initials === acronym && org.words.length >= 2 : org.words.includes(key)) return org.name;
    }
    return undefined;
  }

  /** The most recent person named as a clause subject outside quotations, whatever their gender. */
  lastSubject(pos: number): string | undefined {
    for (let i = this.mentionsBefore(pos) - 1; i >= 0; i--) {
      const m = this.mentions[i]!;
      if (pos - m.pos > 4000) break;
      if (m.subject && !m.inQuote) return m.name;
    }
    return undefined;
  }

  /** Only a title bound to exactly one name earlier in the text is trusted. */
  titleHolder(key: string, pos: number): string | undefined {
    const entry = this.titles.get(key);
    if (!entry || entry.names.size !== 1 || entry.pos > pos) return undefined;
    return entry.names.values().next().value;
  }
}
