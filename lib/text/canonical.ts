/**
 * Canonical article text (docs/anchoring.md §1).
 *
 * Every revision stores exactly one canonical plain text and every claim offset refers to it, so
 * everything here must be deterministic: the same input always gives the same output, and a
 * canonical text is a fixed point (`canonicalizeText(canonicalizeText(x)) === canonicalizeText(x)`).
 * Bump NORMALIZER_VERSION whenever the output for some input changes, because stored offsets are
 * only valid for the normalizer that produced the text they point into.
 *
 * Offsets are counted in Unicode code points (W3C Web Annotation, PostgreSQL `substr`/`length`),
 * never in UTF-16 units; the helpers in ./code-points convert between the two (re-exported here).
 *
 * Pure module: no database, framework or node: imports. The body hash is in ./hash (server only).
 *
 * Longer than ~400 lines on purpose: the plain-text, HTML and Markdown paths must give one text for
 * one article and share NORMALIZER_VERSION and the paragraph builder; kept together, a change to any
 * of them is seen beside the version it must bump.
 */
import { parse } from "parse5";
import type { DefaultTreeAdapterTypes } from "parse5";
import { lexer } from "marked";
import type { Token, Tokens } from "marked";

export { CodePointIndex, cpLength, cpSlice, cpToUtf16, utf16ToCp } from "./code-points";

export const NORMALIZER_VERSION = 1;

export type BodyFormat = "text" | "markdown" | "html";

export type CanonicalTextErrorCode = "empty" | "binary" | "too_deep";

/** Thrown for a body that cannot become an article revision; `field` names the offending input. */
export class CanonicalTextError extends Error {
  readonly field = "body";
  readonly code: CanonicalTextErrorCode;

  constructor(code: CanonicalTextErrorCode, message: string) {
    super(message);
    this.name = "CanonicalTextError";
    this.code = code;
  }
}

// ---------------------------------------------------------------------------------------------
// Plain text

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HORIZONTAL_WS_AT_LINE_END = /[^\S\n]+$/gm;

/**
 * A body with more than this share of junk controls or U+FFFD is a binary file or a wrong
 * decoding, not an article; silently dropping the junk would store garbage as a revision.
 */
const MAX_JUNK_SHARE = 0.01;
const MIN_JUNK_CONTROLS = 8;

export function canonicalizeText(input: string): string {
  assertNotBinary(input);
  const text = input
    .replace(/\r\n?/g, "\n")
    .replace(LONE_SURROGATE, "")
    // Word exports manual line breaks as VT and page breaks as FF; U+2028/2029/0085 are the
    // Unicode line and paragraph separators. Mapping them keeps the author's structure.
    // eslint-disable-next-line no-control-regex -- VT is the control character mapped here
    .replace(/[\u000B\u2028\u0085]/g, "\n")
    // eslint-disable-next-line no-control-regex -- FF is the control character mapped here
    .replace(/[\u000C\u2029]/g, "\n\n")
    .replace(/\t/g, " ")
    // Other C0 controls and DEL have no layout meaning (and PostgreSQL refuses NUL). U+FEFF is
    // a byte-order mark; its use as a zero-width no-break space is deprecated in favour of U+2060.
    // eslint-disable-next-line no-control-regex -- removing control characters is this line's purpose
    .replace(/[\u0000-\u0008\u000E-\u001F\u007F\uFEFF]/g, "")
    .normalize("NFC")
    .replace(HORIZONTAL_WS_AT_LINE_END, "")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+/, "")
    .replace(/\n+$/, "");
  if (text.trim() === "") {
    throw new CanonicalTextError("empty", "The article text is empty.");
  }
  return text;
}

function assertNotBinary(input: string): void {
  let junk = 0;
  let replacement = 0;
  let codePoints = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    codePoints++;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = input.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    } else if (c === 0xfffd) {
      replacement++;
    } else if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d) || c === 0x7f) {
      junk++;
    }
  }
  // A few stray controls or one U+FFFD are glitches worth cleaning up, not a binary file; the
  // absolute minimums keep short texts from being refused for one bad character.
  if (junk > Math.max(MIN_JUNK_CONTROLS, codePoints * MAX_JUNK_SHARE) || replacement > Math.max(1, codePoints * MAX_JUNK_SHARE)) {
    throw new CanonicalTextError("binary", "The article text looks like a binary file or a wrongly decoded document.");
  }
}

// ---------------------------------------------------------------------------------------------
// Shared paragraph builder for HTML and Markdown: collapses whitespace the way a browser lays out
// normal-flow text, so the canonical text reads like the rendered page.

const COLLAPSIBLE_WS = /[ \t\n\f\r]+/g;

class ParagraphBuilder {
  private readonly paragraphs: string[] = [];
  private lines: string[] = [];
  private line = "";
  private pendingSpace = false;

  text(value: string): void {
    let body = value.replace(COLLAPSIBLE_WS, " ");
    if (body.startsWith(" ")) {
      this.pendingSpace = true;
      body = body.slice(1);
    }
    if (body === "") return;
    const endsWithSpace = body.endsWith(" ");
    if (endsWithSpace) body = body.slice(0, -1);
    this.appendRaw(body);
    this.pendingSpace = endsWithSpace;
  }

  /** Text whose whitespace is significant (`<pre>`, code blocks). */
  preformatted(value: string): void {
    const parts = value.split("\n");
    parts.forEach((part, i) => {
      if (i > 0) this.lineBreak();
      if (part !== "") this.appendRaw(part);
    });
  }

  space(): void {
    this.pendingSpace = true;
  }

  lineBreak(): void {
    this.lines.push(this.line);
    this.line = "";
    this.pendingSpace = false;
  }

  blockBreak(): void {
    this.lines.push(this.line);
    while (this.lines.length > 0 && (this.lines[this.lines.length - 1] ?? "").trim() === "") this.lines.pop();
    if (this.lines.length > 0) this.paragraphs.push(this.lines.join("\n"));
    this.lines = [];
    this.line = "";
    this.pendingSpace = false;
  }

  finish(): string {
    this.blockBreak();
    return this.paragraphs.join("\n\n");
  }

  private appendRaw(body: string): void {
    if (this.pendingSpace && this.line !== "") this.line += " ";
    this.line += body;
    this.pendingSpace = false;
  }
}

// ---------------------------------------------------------------------------------------------
// HTML

type HtmlNode = DefaultTreeAdapterTypes.Node;
type HtmlElement = DefaultTreeAdapterTypes.Element;

const BLOCK_ELEMENTS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "caption",
  "center",
  "dd",
  "details",
  "dialog",
  "dir",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "hr",
  "legend",
  "li",
  "listing",
  "main",
  "menu",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "tfoot",
  "thead",
  "tr",
  "ul",
  "xmp",
]);
const CELL_ELEMENTS = new Set(["td", "th"]);
const PREFORMATTED_ELEMENTS = new Set(["pre", "listing", "xmp", "plaintext"]);
// Not rendered as text by a browser (or not article content at all).
const DROPPED_ELEMENTS = new Set([
  "head",
  "script",
  "style",
  "template",
  "noscript",
  "title",
  "iframe",
  "object",
  "embed",
  "svg",
  "math",
  "canvas",
  "audio",
  "video",
  "select",
  "textarea",
  "datalist",
]);

export function htmlToCanonical(html: string): string {
  assertNotBinary(html);
  const builder = new ParagraphBuilder();
  walkHtml(parseHtml(html), builder, false);
  return canonicalizeText(builder.finish());
}

/**
 * How deeply tags, quotes and lists may nest. Real articles stay within a handful of levels; a
 * body nested thousands deep is an attack on the parsers (stack overflow, or seconds of CPU in
 * marked's list and emphasis rules), refused with a 422 on the body field before parsing.
 */
export const MAX_NESTING = 100;
const TOO_DEEP_MESSAGE = `The text is nested too deeply: at most ${MAX_NESTING} levels of tags, quotes or lists.`;

function tooDeep(): CanonicalTextError {
  return new CanonicalTextError("too_deep", TOO_DEEP_MESSAGE);
}

/** parse5's tree (parsing is iterative; only walking it could recurse) within MAX_NESTING levels. */
function parseHtml(html: string): HtmlNode {
  const root = parse(html);
  const stack: [HtmlNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_NESTING + 3) throw tooDeep(); // + html, body and a wrapper
    if ("childNodes" in node) for (const child of node.childNodes) stack.push([child, depth + 1]);
  }
  return root;
}

/**
 * Appends a node's text, depth first. Iterative (an explicit stack of what is left to do), so no
 * input can exhaust the call stack, whatever parseHtml lets through.
 */
function walkHtml(root: HtmlNode, out: ParagraphBuilder, rootInPre: boolean): void {
  type Step = { node: HtmlNode; inPre: boolean } | { after: () => void };
  const steps: Step[] = [{ node: root, inPre: rootInPre }];
  while (steps.length > 0) {
    const step = steps.pop()!;
    if ("after" in step) {
      step.after();
      continue;
    }
    const { node, inPre } = step;
    if (node.nodeName === "#text") {
      const { value } = node as DefaultTreeAdapterTypes.TextNode;
      if (inPre) out.preformatted(value);
      else out.text(value);
      continue;
    }
    if (!("childNodes" in node)) continue; // comments, doctype
    let childInPre = inPre;
    if ("tagName" in node) {
      const element = node as HtmlElement;
      const tag = element.tagName;
      if (DROPPED_ELEMENTS.has(tag) || isHidden(element)) continue;
      if (tag === "br") {
        out.lineBreak();
        continue;
      }
      const isBlock = BLOCK_ELEMENTS.has(tag);
      const isCell = CELL_ELEMENTS.has(tag);
      childInPre = inPre || PREFORMATTED_ELEMENTS.has(tag);
      if (isBlock) out.blockBreak();
      if (isCell) out.space();
      steps.push({
        after: () => {
          if (isCell) out.space();
          if (isBlock) out.blockBreak();
        },
      });
    }
    const children = (node as DefaultTreeAdapterTypes.ParentNode).childNodes;
    for (let i = children.length - 1; i >= 0; i--) steps.push({ node: children[i]!, inPre: childInPre });
  }
}

function isHidden(element: HtmlElement): boolean {
  for (const attr of element.attrs) {
    if (attr.name === "hidden") return true;
    if (attr.name === "style" && /display\s*:\s*none/i.test(attr.value)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Markdown

export function markdownToCanonical(md: string): string {
  assertNotBinary(md);
  assertMarkdownNesting(md);
  const builder = new ParagraphBuilder();
  let tokens: Token[];
  try {
    tokens = lexer(md);
  } catch (err) {
    // marked recurses for nested quotes, lists and emphasis: whatever the scan below missed.
    if (err instanceof RangeError) throw tooDeep();
    throw err;
  }
  for (const token of tokens) writeMarkdownBlock(token, builder);
  return canonicalizeText(builder.finish());
}

/** A line's quote markers (`> > >`) and the indentation in front of a list marker. */
const QUOTE_PREFIX = /^(?:[ \t]{0,3}>)+/;
const INDENTED_LIST_ITEM = /^([ \t]*)(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
/** Runs of emphasis or link punctuation this long are no article's text. */
const LONG_DELIMITER_RUN = new RegExp(`([*_~\\[\\]])\\1{${MAX_NESTING * 4},}`);

/**
 * Refuses Markdown nested more than MAX_NESTING deep before marked sees it: a linear scan of the
 * lines for quote depth and list indentation (each level of a nested list is indented at least two
 * columns more), and of the text for long runs of `*`, `_`, `~`, `[`, `]`.
 */
function assertMarkdownNesting(md: string): void {
  if (LONG_DELIMITER_RUN.test(md)) throw tooDeep();
  for (const line of md.split("\n")) {
    const quotes = QUOTE_PREFIX.exec(line)?.[0];
    if (quotes && quotes.split(">").length - 1 > MAX_NESTING) throw tooDeep();
    const rest = quotes ? line.slice(quotes.length) : line;
    const indent = INDENTED_LIST_ITEM.exec(rest)?.[1];
    if (indent && indent.replace(/\t/g, "    ").length > MAX_NESTING * 2) throw tooDeep();
  }
}

function writeMarkdownBlock(token: Token, out: ParagraphBuilder): void {
  switch (token.type) {
    case "paragraph":
    case "heading":
    case "text": {
      const { tokens, text } = token as Tokens.Paragraph | Tokens.Heading | Tokens.Text;
      out.blockBreak();
      if (tokens) writeMarkdownInline(tokens, out);
      else out.text(decodeEntities(text));
      out.blockBreak();
      return;
    }
    case "list":
      for (const item of (token as Tokens.List).items) {
        out.blockBreak();
        for (const child of item.tokens) writeMarkdownBlock(child, out);
        out.blockBreak();
      }
      return;
    case "blockquote":
      for (const child of (token as Tokens.Blockquote).tokens) writeMarkdownBlock(child, out);
      return;
    case "code":
      out.blockBreak();
      out.preformatted((token as Tokens.Code).text);
      out.blockBreak();
      return;
    case "html":
      // Block HTML is rendered by the browser, so its text is what a reader sees.
      out.blockBreak();
      walkHtml(parseHtml((token as Tokens.HTML).text), out, false);
      out.blockBreak();
      return;
    case "table": {
      const table = token as Tokens.Table;
      out.blockBreak();
      for (const row of [table.header, ...table.rows]) {
        row.forEach((cell) => {
          out.space();
          writeMarkdownInline(cell.tokens, out);
        });
        out.lineBreak();
      }
      out.blockBreak();
      return;
    }
    case "list_item":
      for (const child of (token as Tokens.ListItem).tokens) writeMarkdownBlock(child, out);
      return;
    default:
      // space, hr, def (link reference definitions) and checkboxes carry no article text.
      return;
  }
}

function writeMarkdownInline(tokens: Token[], out: ParagraphBuilder): void {
  for (const token of tokens) {
    switch (token.type) {
      case "text": {
        const t = token as Tokens.Text;
        if (t.tokens) writeMarkdownInline(t.tokens, out);
        else out.text(decodeEntities(t.text));
        break;
      }
      case "escape":
      case "codespan":
        // Already literal: marked does not entity-encode these.
        out.text((token as Tokens.Escape | Tokens.Codespan).text);
        break;
      case "br":
        out.lineBreak();
        break;
      case "html":
        if (/^<br\s*\/?>$/i.test((token as Tokens.Tag).text)) out.lineBreak();
        break;
      case "image":
        // Rendered as a picture, not as text; its alt text is not part of the readable article.
        break;
      default:
        if ("tokens" in token && Array.isArray(token.tokens)) writeMarkdownInline(token.tokens, out);
        else if ("text" in token && typeof token.text === "string") out.text(decodeEntities(token.text));
    }
  }
}

/**
 * marked keeps named entities (`&amp;`, `&nbsp;`) verbatim in text tokens and escapes bare `&`,
 * leaving decoding to the browser. parse5 decodes exactly like a browser would (including
 * leaving unknown `&bogus;` alone); `<` is escaped first so that literal angle brackets stay text.
 */
function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  // With `<` escaped the fragment is one text node in <body>: no nesting to walk.
  const fragment = parse(`<body>${text.replace(/</g, "&lt;")}</body>`);
  let decoded = "";
  const stack: HtmlNode[] = [fragment];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeName === "#text") decoded += (node as DefaultTreeAdapterTypes.TextNode).value;
    else if ("childNodes" in node) for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
  return decoded;
}

// ---------------------------------------------------------------------------------------------

export function toCanonical(body: string, format: BodyFormat): string {
  switch (format) {
    case "text":
      return canonicalizeText(body);
    case "markdown":
      return markdownToCanonical(body);
    case "html":
      return htmlToCanonical(body);
    default: {
      const unknown: never = format;
      throw new Error(`Unknown body format: ${String(unknown)}`);
    }
  }
}
