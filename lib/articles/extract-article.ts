import "server-only";
import { Readability } from "@mozilla/readability";
import { Parser } from "htmlparser2";
import { parseHTML } from "linkedom";

/**
 * The article in a fetched web page: its main text (Mozilla's Readability, as Firefox's reader
 * view) and the metadata newsrooms publish (Open Graph, `article:*`, JSON-LD NewsArticle, plain
 * `<meta>`), for the editor to confirm before import. Pure: no network, no database.
 */
export interface ExtractedArticle {
  title: string;
  /** The main text as HTML (Readability's output); the importer reduces it to canonical text. */
  html: string;
  /** The same as plain text, for the preview. */
  text: string;
  publisher: string | null;
  author: string | null;
  /** YYYY-MM-DD, when the page says when it was published. */
  publishedAt: string | null;
  /** The page's canonical URL (http or https) when it names one, else the URL fetched. */
  url: string;
}

/**
 * Readability and the DOM walk recurse: a page nested thousands of elements deep would overflow
 * the stack (and takes seconds). Real articles stay far below this.
 */
export const MAX_HTML_DEPTH = 400;

const MIN_ARTICLE_CHARS = 100;

export class UnreadablePageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnreadablePageError";
  }
}

/** The deepest element nesting of an HTML document, counted by a streaming tokenizer (no tree). */
export function htmlDepth(html: string, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  const parser = new Parser(
    {
      onopentag() {
        depth++;
        if (depth > deepest) deepest = depth;
        if (deepest > stopAbove) parser.pause();
      },
      onclosetag() {
        depth = Math.max(0, depth - 1);
      },
    },
    { decodeEntities: false },
  );
  parser.end(html);
  return deepest;
}

const clean = (v: string | null | undefined, max = 500): string | null => {
  const s = v?.replace(/\s+/g, " ").trim();
  return s ? s.slice(0, max) : null;
};

function isoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}

/** NewsArticle-like objects of the page's JSON-LD (top level, arrays and @graph). */
function jsonLdArticles(document: Document): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? "");
    } catch {
      continue;
    }
    const queue = Array.isArray(data) ? [...data] : [data];
    while (queue.length) {
      const item = queue.shift();
      if (!item || typeof item !== "object") continue;
      const o = item as Record<string, unknown>;
      if (Array.isArray(o["@graph"])) queue.push(...o["@graph"]);
      const type = o["@type"];
      const types = Array.isArray(type) ? type : [type];
      if (types.some((t) => typeof t === "string" && /Article|Posting|Report/.test(t))) found.push(o);
    }
  }
  return found;
}

const nameOf = (v: unknown): string | null => {
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.map(nameOf).filter(Boolean).join(", ") || null;
  if (v && typeof v === "object" && typeof (v as { name?: unknown }).name === "string") return (v as { name: string }).name;
  return null;
};

export function extractArticle(html: string, pageUrl: string): ExtractedArticle {
  if (htmlDepth(html, MAX_HTML_DEPTH) > MAX_HTML_DEPTH) {
    throw new UnreadablePageError(`The page nests its elements more than ${MAX_HTML_DEPTH} deep; it cannot be read safely.`);
  }
  const { document } = parseHTML(html);
  const meta = (selector: string) => clean(document.querySelector(selector)?.getAttribute("content"));
  const ld = jsonLdArticles(document as unknown as Document)[0] ?? {};

  // Readability changes the document it reads: metadata first.
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute("href");
  let url = pageUrl;
  if (canonical) {
    try {
      const c = new URL(canonical, pageUrl);
      if (c.protocol === "https:" || c.protocol === "http:") url = c.toString();
    } catch {
      // a malformed canonical link: keep the URL we fetched
    }
  }
  const publisher =
    meta('meta[property="og:site_name"]') ?? clean(nameOf(ld.publisher)) ?? meta('meta[name="application-name"]') ?? null;
  const author =
    clean(nameOf(ld.author)) ??
    meta('meta[name="author"]') ??
    meta('meta[property="article:author"]') ??
    meta('meta[name="byl"]')?.replace(/^by\s+/i, "") ??
    null;
  const publishedAt =
    isoDate(meta('meta[property="article:published_time"]')) ??
    isoDate(typeof ld.datePublished === "string" ? ld.datePublished : null) ??
    isoDate(meta('meta[name="date"]')) ??
    isoDate(document.querySelector("time[datetime]")?.getAttribute("datetime")) ??
    null;
  const metaTitle = meta('meta[property="og:title"]') ?? clean(typeof ld.headline === "string" ? ld.headline : null);

  let parsed: ReturnType<Readability<string>["parse"]>;
  try {
    parsed = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
  } catch {
    throw new UnreadablePageError("The page could not be read as an article.");
  }
  const text = parsed?.textContent?.replace(/[ \t]+\n/g, "\n").trim() ?? "";
  // Readability returns its best guess even for a page of links; a few words are not an article.
  if (!parsed || !parsed.content || text.length < MIN_ARTICLE_CHARS) {
    throw new UnreadablePageError("No article text was found on that page.");
  }
  return {
    title: clean(metaTitle ?? parsed.title ?? document.title, 500) ?? "Untitled article",
    html: parsed.content,
    text,
    publisher: publisher ?? clean(parsed.siteName),
    author: author ?? clean(parsed.byline),
    publishedAt: publishedAt ?? isoDate(parsed.publishedTime),
    url,
  };
}
