/**
 * The page's furniture at the top of an article: the headline, the byline and the date line.
 * Pasted or imported text often starts with them; they repeat or label the story rather than
 * claim anything of their own, so no suggestion comes from them. A dateline opening the first
 * sentence ("LONDON, Dec 4 (Reuters) - ") is furniture too, left out of the clause after it.
 */
import type { Span } from "./types";

// A paragraph that ends a sentence: a stop, possibly followed by closing quotes or brackets.
const SENTENCE_END_RE = /[.!?…][”’"')\]]*$/u;
const BYLINE_RE = /^(?:(?:words|written|reporting|text)\s+)?by\s+\p{Lu}/iu;
const DATE_LINE_RE = new RegExp(
  String.raw`^(?:(?:published|updated|last\s+updated|first\s+published|posted)\b|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\d{4}-\d{2}-\d{2}\b)`,
  "i",
);
const HEADLINE_MAX = 200;
const BYLINE_MAX = 120;
const DATE_LINE_MAX = 60;
// At most this many paragraphs of furniture before the story starts.
const FURNITURE_MAX = 4;

/** Lower case, one kind of quotation mark, single spaces, no closing stop: for comparing a paragraph with the title. */
function comparable(s: string): string {
  return s
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[“”«»]/g, '"')
    .replace(/\s+/g, " ")
    .replace(/[\s.!?…]+$/u, "")
    .trim();
}

/** The title as given, and without a site name after " | " or " - " ("… | Northbridge Courier"). */
function titleForms(title: string | undefined): string[] {
  if (!title?.trim()) return [];
  const whole = comparable(title);
  const head = comparable(title.split(/\s+[|–—-]\s+(?=[^|–—-]*$)/u)[0] ?? "");
  return head && head !== whole ? [whole, head] : [whole];
}

/**
 * Index of the first paragraph of the story itself: past a headline (the article's title, or a
 * first line that ends no sentence), a byline ("By Jane Doe") and a date line ("Updated 4
 * December 2024"). The last paragraph is always the story's, so one-paragraph text loses nothing.
 */
export function storyStart(text: string, paragraphs: readonly Span[], title?: string): number {
  const titles = titleForms(title);
  let headline = false;
  let p = 0;
  for (; p < Math.min(FURNITURE_MAX, paragraphs.length - 1); p++) {
    const para = paragraphs[p]!;
    const slice = text.slice(para.start, para.end);
    const length = para.end - para.start;
    const ended = SENTENCE_END_RE.test(slice);
    if (titles.length > 0 && titles.includes(comparable(slice))) headline = true;
    else if (!ended && length <= BYLINE_MAX && BYLINE_RE.test(slice)) continue;
    else if (length <= DATE_LINE_MAX && DATE_LINE_RE.test(slice)) continue;
    else if (!headline && !ended && length <= HEADLINE_MAX && !slice.includes("\n")) headline = true;
    else break;
  }
  return p;
}

// "LONDON, Dec 4 (Reuters) - ", "KYIV (AP) — ", "WASHINGTON — ": a place in capitals, perhaps a
// date and an agency, then a dash.
const DATELINE_RE =
  /^\p{Lu}[\p{Lu}\p{M}’'.-]{2,}(?:[ \u00a0]\p{Lu}[\p{Lu}\p{M}’'.-]+)*(?:,[ \u00a0][^()\n–—]{1,30}?)?(?:[ \u00a0]?\([^()\n]{1,30}\))?[ \u00a0]+[-–—][ \u00a0]+/u;

/** The dateline opening a paragraph, as a span to leave out of its first clause, or null. */
export function datelineAt(text: string, paragraph: Span): Span | null {
  const m = DATELINE_RE.exec(text.slice(paragraph.start, Math.min(paragraph.end, paragraph.start + 80)));
  return m ? { start: paragraph.start, end: paragraph.start + m[0].length } : null;
}
