/**
 * Every output-encoding rule the report renderers use lives here, so that each format has exactly
 * one way to turn stored text into output (docs/security.md, "Input and output"). Renderers must pass
 * every piece of user text through the helper for their format; none of them builds markup from
 * raw strings.
 */

// ---------------------------------------------------------------------------------------------
// URLs

/** The same cap the save-time validator applies; an over-long stored URL is shown, never linked. */
export const MAX_URL_LENGTH = 2048;

/**
 * The URL to link to, or null when the stored value must be shown as plain text. Only http(s)
 * absolute URLs without credentials qualify. The result is the WHATWG parser's own serialisation,
 * so what we emit is what a browser would navigate to (encoded/mixed-case `javascript:` variants,
 * embedded tabs and newlines are all resolved by the parser before the scheme check).
 */
export function toSafeHttpUrl(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const trimmed = raw.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  // "https://trusted.example@evil.example" reads as the trusted host to most people.
  if (url.username !== "" || url.password !== "") return null;
  return url.href;
}

// ---------------------------------------------------------------------------------------------
// HTML

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Safe in element content and in double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

// ---------------------------------------------------------------------------------------------
// JSON embedded in HTML

const JSON_UNSAFE = ["<", ">", "&", "\u2028", "\u2029"];

/**
 * JSON.stringify, then `<`, `>`, `&`, U+2028 and U+2029 written as \uXXXX. Those characters can
 * only occur inside JSON strings, where the escape means the same thing, so the value parses back
 * identically; but the text can no longer close a <script> element, open an HTML comment, or break
 * a JavaScript string literal if someone pastes it into one.
 */
export function stringifyJsonSafe(value: unknown, indent?: number): string {
  const json = JSON.stringify(value, null, indent);
  if (json === undefined) throw new TypeError("value is not serialisable as JSON");
  // Most documents hold none of them: five searches for one character each are quicker than the
  // regular expression over the whole text (1.8 million characters for a 1,000-claim JSON export).
  if (!JSON_UNSAFE.some((c) => json.includes(c))) return json;
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// ---------------------------------------------------------------------------------------------
// Markdown (CommonMark + GFM)

// Characters that can start markup anywhere in a line. `(`, `)` and `!` only matter after an
// unescaped `]` or before `[`, and `.`, `+`, `-`, `=` only at the start of a line (handled below),
// so leaving them alone keeps prose like "2.3 per cent" readable in the .md file.
const MARKDOWN_INLINE = /[\\`*_[\]<>#|~]/g;
// `&copy;`, `&#60;`, `&#x3c;` would otherwise be decoded by the renderer.
const MARKDOWN_ENTITY = /&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/g;
// List markers, setext underlines and thematic breaks at the start of a line.
const MARKDOWN_LINE_START = /^([-+=])|^(\d{1,9})([.)])/;
// Line breaks in the sense of CommonMark, plus the Unicode ones JSON and JS treat specially.
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;

// GFM turns bare "www." and "http(s)://" text into links. User text should not make links (only
// URLs we vetted do), and some renderers (marked) keep backslash escapes inside such autolinks
// verbatim, so the autolink is defused instead.
const MARKDOWN_AUTOLINK = /(www)\.|(https?|ftp):\/\//gi;

function escapeMarkdownLine(line: string, isLinkText = false): string {
  const escaped = line.replace(MARKDOWN_INLINE, "\\$&").replace(MARKDOWN_ENTITY, "\\&");
  // Inside link text autolinks cannot occur (links do not nest), so a URL shown as the text of its
  // own link stays readable.
  const defused = isLinkText
    ? escaped
    : escaped.replace(MARKDOWN_AUTOLINK, (_m, www?: string, scheme?: string) =>
        www !== undefined ? `${www}\\.` : `${scheme ?? ""}\\://`,
      );
  return defused.replace(MARKDOWN_LINE_START, (_m, sign?: string, digits?: string, dot?: string) =>
    sign !== undefined ? `\\${sign}` : `${digits ?? ""}\\${dot ?? ""}`,
  );
}

/**
 * User text as one line of literal Markdown text: line breaks and runs of whitespace become single
 * spaces (so text can never start a block, e.g. an indented code block or a heading), then every
 * construct that could turn into markup is backslash-escaped. Rendering the result shows the input
 * with its whitespace collapsed, and nothing else.
 */
export function escapeMarkdown(text: string): string {
  return escapeMarkdownLine(collapseWhitespace(text));
}

/** escapeMarkdown for the text between `[` and `]` of a link. */
export function escapeMarkdownLinkText(text: string): string {
  return escapeMarkdownLine(collapseWhitespace(text), true);
}

/**
 * User text that may hold paragraphs: one entry per paragraph, each line escaped as above and
 * trimmed (leading spaces would make an indented code block). Callers join paragraphs with a
 * blank line, or prefix each line with "> " inside a blockquote.
 */
export function escapeMarkdownParagraphs(text: string): string[] {
  return splitParagraphs(text).map((lines) => lines.map((line) => escapeMarkdownLine(line)).join("\n"));
}

/**
 * A link destination for `[text](destination)`. Only call with the output of toSafeHttpUrl.
 * The characters percent-encoded here would end the destination early, start a code span, or be
 * consumed as a backslash escape; for an http(s) URL each encoding names the same resource.
 */
export function markdownLinkDestination(safeUrl: string): string {
  return safeUrl
    .replace(/[()\\`<>[\] ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)
    .replace(MARKDOWN_ENTITY, "\\&");
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180) made safe for spreadsheets

// A cell starting with one of these is run as a formula by Excel, LibreOffice or Google Sheets
// (OWASP "CSV injection"); a leading apostrophe makes the spreadsheet show the text as typed.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null): string {
  let text = value === null ? "" : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: ReadonlyArray<string | number | boolean | null>): string {
  return cells.map(csvCell).join(",");
}

// ---------------------------------------------------------------------------------------------
// Plain text (PDF)

/**
 * Text handed to pdfkit: lone surrogates would make the font layout throw and control characters
 * draw as empty boxes, so the first become U+FFFD and the second are dropped; every kind of line
 * break becomes "\n" so that paragraphs break where the author broke them.
 */
export function toPdfText(text: string): string {
  return (
    text
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
      .replace(LINE_BREAKS, "\n")
      .replace(/\t/g, " ")
      // eslint-disable-next-line no-control-regex -- removing control characters is this line's purpose
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F]/g, "")
  );
}

// ---------------------------------------------------------------------------------------------
// Whitespace shared by all formats

/**
 * Runs of ASCII whitespace and line breaks as single spaces, trimmed. No-break and other Unicode
 * spaces are kept: "2.3\u00a0per cent" is deliberate typography, and Markdown does not treat them as
 * indentation.
 */
export function collapseWhitespace(text: string): string {
  return text.replace(/[ \t\n\v\f\r\u0085\u2028\u2029]+/g, " ").trim();
}

/** Paragraphs (separated by blank lines) as arrays of trimmed, non-empty lines. */
export function splitParagraphs(text: string): string[][] {
  return text
    .replace(LINE_BREAKS, "\n")
    .split(/\n[ \t\f\v]*\n/)
    .map((paragraph) =>
      paragraph
        .split("\n")
        .map((line) => line.replace(/[ \t\f\v]+/g, " ").trim())
        .filter((line) => line.length > 0),
    )
    .filter((lines) => lines.length > 0);
}
