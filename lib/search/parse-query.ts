/**
 * What the search box's text becomes before PostgreSQL reads it with websearch_to_tsquery (words,
 * "quoted phrases", -excluded words, or): figures are rewritten into their search words
 * (figure-terms.ts) so "2.3 per cent" finds "2.3%", and web addresses into phrases of their words
 * so "ons.gov.uk" finds "https://www.ons.gov.uk/…". Inside quotes the text is left as typed: a
 * phrase is matched word by word against the text itself.
 *
 * Pure: the unit tests run it without a database.
 */
import { type FigureSpan, figureWord, findFigureSpans, queryFigureWord } from "./figure-terms";

export interface ParsedQuery {
  /** The text for websearch_to_tsquery('english', …); "" when nothing was typed. */
  text: string;
  /** The figures typed outside quotes: results highlight every spelling of them. */
  figures: FigureSpan[];
  /**
   * The query as a name to compare with claimants by trigram similarity ("Rishi Sunack"), or null
   * when it has operators, quotes or figures (then it is not a name).
   */
  name: string | null;
  /**
   * The words to highlight, figures and excluded words left out, for ts_headline: it can only mark
   * (and pick passages around) words that are in the text, and figures are marked in highlight.ts.
   */
  highlightWords: string[];
}

const ADDRESS = /^[a-z0-9-]+(?:[./][a-z0-9-]+)+\/?$/i;

function rewriteWords(segment: string): string {
  return segment
    .split(/(\s+)/)
    .map((w) => {
      const bare = w.replace(/^-/, "");
      if (!/[a-z]/i.test(bare) || !ADDRESS.test(bare.replace(/^https?:\/\//i, ""))) return w;
      const words = bare.split(/[^a-z0-9]+/i).filter(Boolean);
      return `${w.startsWith("-") ? "-" : ""}"${words.join(" ")}"`;
    })
    .join("");
}

function rewriteUnquoted(segment: string, figures: FigureSpan[]): string {
  let out = "";
  let at = 0;
  for (const f of findFigureSpans(segment)) {
    const before = rewriteWords(segment.slice(at, f.start));
    // "-£3.4bn" excludes the figure: the minus must stay glued to its word.
    // A counted noun ("10,000 troops") stays a word of its own: "ferries" and "people" may count the same thing.
    const word = f.kind === "count" ? `${figureWord(f.amount, null)} ${f.unit ?? ""}` : queryFigureWord(f);
    out += before + (before === "" || /[\s-]$/.test(before) ? "" : " ") + `${word} `;
    figures.push(f);
    at = f.end;
  }
  return out + rewriteWords(segment.slice(at));
}

export function parseSearchQuery(raw: string): ParsedQuery {
  const input = raw.normalize("NFC").trim();
  const figures: FigureSpan[] = [];
  // Even-numbered parts are outside quotes, odd-numbered ones inside.
  const parts = input.split('"');
  const text = parts
    .map((part, i) => (i % 2 === 1 ? `"${part}"` : rewriteUnquoted(part, figures)))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  const plain = /^[\p{L}\p{M}'’. -]+$/u.test(input) && !/(^|\s)-|\bor\b/i.test(input);
  const wordCount = input.split(/\s+/).filter(Boolean).length;
  const highlightWords = [
    ...new Set(
      text
        .split(/\s+/)
        .filter((w) => !w.startsWith("-") && !/^fg[0-9p]/.test(w.replace(/"/g, "")) && w.toLowerCase() !== "or")
        .flatMap((w) => w.toLowerCase().split(/[^a-z0-9]+/))
        .filter((w) => w.length > 0 && !/^fg[0-9]/.test(w)),
    ),
  ];
  return { text, figures, name: plain && wordCount <= 4 && input.length >= 3 ? input.toLowerCase() : null, highlightWords };
}
