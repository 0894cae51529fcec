import "server-only";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

/** Longest text kept from one page: enough to compare and to read, small enough to store daily. */
export const MAX_EXTRACT_CHARS = 200_000;

export interface Extract {
  title: string | null;
  text: string | null;
}

const collapse = (s: string) =>
  s
    .replace(/[ \t\f\v\u00a0]+/g, " ")
    .replace(/\s*\n\s*/g, "\n")
    .replace(/\n{2,}/g, "\n")
    .trim();

/**
 * Title and readable text of a fetched page. HTML is parsed (never rendered: linkedom runs no
 * scripts) and reduced to its main content by Readability, so that a changed menu or an ad does not
 * count as "content changed"; plain text is kept as it is; other types have no text.
 */
export function extractText(body: Buffer, contentType: string | null): Extract {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const charset = /charset=([\w-]+)/i.exec(contentType ?? "")?.[1]?.toLowerCase();
  let decoded: string;
  try {
    decoded = new TextDecoder(charset ?? "utf-8").decode(body);
  } catch {
    decoded = new TextDecoder("utf-8").decode(body);
  }
  if (type === "text/html" || type === "application/xhtml+xml" || (!type && /^\s*<(!doctype|html)/i.test(decoded))) {
    const { document } = parseHTML(decoded);
    const title = collapse(document.querySelector("title")?.textContent ?? "") || null;
    let text: string | null;
    try {
      const article = new Readability(document as unknown as Document).parse();
      text = article?.textContent ? collapse(article.textContent) : null;
    } catch {
      text = null;
    }
    if (!text) {
      const { document: fresh } = parseHTML(decoded);
      for (const el of fresh.querySelectorAll("script, style, noscript, template")) el.remove();
      text = collapse(fresh.body?.textContent ?? "") || null;
    }
    return { title: title?.slice(0, 500) ?? null, text: text?.slice(0, MAX_EXTRACT_CHARS) ?? null };
  }
  if (type.startsWith("text/") || type === "application/json") {
    return { title: null, text: collapse(decoded).slice(0, MAX_EXTRACT_CHARS) || null };
  }
  return { title: null, text: null };
}
