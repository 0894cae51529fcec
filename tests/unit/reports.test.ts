import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { marked } from "marked";
import { parse, parseFragment } from "parse5";
import { beforeAll, describe, expect, it } from "vitest";
import { BEST_RATING, VERDICTS, VERDICT_INFO, WORST_RATING } from "../../lib/claims/verdicts";
import {
  MAX_URL_LENGTH,
  collapseWhitespace,
  csvCell,
  escapeHtml,
  escapeMarkdown,
  escapeMarkdownLinkText,
  stringifyJsonSafe,
  toSafeHttpUrl,
} from "../../lib/reports/escape";
import { prepareReport } from "../../lib/reports/prepare";
import { renderReport, reportFileName } from "../../lib/reports/render";
import { CSV_COLUMNS, renderCsv } from "../../lib/reports/render-csv";
import { renderHtml } from "../../lib/reports/render-html";
import { REPORT_JSON_VERSION, renderJson } from "../../lib/reports/render-json";
import {
  buildClaimReviews,
  jsonLdForScript,
  renderJsonLd,
  toClaimReviewed,
  type ClaimReviewJsonLd,
} from "../../lib/reports/render-jsonld";
import { renderMarkdown } from "../../lib/reports/render-markdown";
import { renderPdf } from "../../lib/reports/render-pdf";
import { REPORT_FORMATS, type ReportData, type ReportFormat } from "../../lib/reports/types";
import { INTERNAL_MARKER, reportFixture } from "../fixtures/report-data";

// ---------------------------------------------------------------------------------------------
// Golden files: `UPDATE_GOLDEN=1 npx vitest run --project unit tests/unit/reports.test.ts`
// rewrites them; review the diff before keeping it.

const GOLDEN_DIR = fileURLToPath(new URL("../golden/", import.meta.url));
const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === "1";

function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (UPDATE_GOLDEN) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`Missing golden file ${name}: run the tests with UPDATE_GOLDEN=1`);
  expect(actual, `output differs from tests/golden/${name}`).toBe(readFileSync(file, "utf8"));
}

// ---------------------------------------------------------------------------------------------
// PDF text extraction (unpdf = PDF.js)

// PDF.js uses Promise.withResolvers, which Node 20 lacks.
const promiseWithResolvers = Promise as unknown as { withResolvers?: () => unknown };
if (typeof promiseWithResolvers.withResolvers !== "function") {
  promiseWithResolvers.withResolvers = () => {
    let resolve: (value: unknown) => void = () => {};
    let reject: (reason?: unknown) => void = () => {};
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

let unpdfReady: Promise<typeof import("unpdf")> | null = null;

function loadUnpdf(): Promise<typeof import("unpdf")> {
  unpdfReady ??= (async () => {
    const unpdf = await import("unpdf");
    // Some builds of unpdf's `unpdf/pdfjs` export PDF.js itself rather than its documented
    // `resolvePDFJS()`; accept either so the tests run against whichever is installed.
    await unpdf.definePDFJSModule(async () => {
      const pdfjs: Record<string, unknown> = await import("unpdf/pdfjs");
      const resolve = pdfjs.resolvePDFJS;
      return typeof resolve === "function" ? (resolve as () => Promise<unknown>)() : pdfjs;
    });
    return unpdf;
  })();
  return unpdfReady;
}

async function pdfText(pdf: Buffer): Promise<string> {
  const { extractText, getDocumentProxy } = await loadUnpdf();
  const document = await getDocumentProxy(new Uint8Array(pdf), { verbosity: 0 });
  const { text } = await extractText(document, { mergePages: false });
  return `${text.map((page, index) => `--- page ${index + 1} ---\n${page}`).join("\n")}\n`;
}

const squash = (text: string) => text.replace(/\s+/g, " ");

// ---------------------------------------------------------------------------------------------
// Small parsers used by the assertions

/** RFC 4180, strict: throws on a stray quote so a quoting bug cannot pass unnoticed. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
        if (i < text.length && text[i] !== "," && text[i] !== "\r") throw new Error(`stray quote at ${i}`);
      } else {
        cell += c;
        i += 1;
      }
    } else if (c === '"') {
      if (cell !== "") throw new Error(`quote inside unquoted cell at ${i}`);
      quoted = true;
      i += 1;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
      i += 1;
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 2;
    } else if (c === "\n" || c === "\r") {
      throw new Error(`bare line break outside quotes at ${i}`);
    } else {
      cell += c;
      i += 1;
    }
  }
  if (quoted) throw new Error("unterminated quoted cell");
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function csvRecords(csv: string): Array<Record<string, string>> {
  expect(csv.startsWith("\uFEFF")).toBe(true);
  const [head, ...rows] = parseCsv(csv.slice(1));
  expect(head).toEqual([...CSV_COLUMNS]);
  return rows.map((cells) => {
    expect(cells).toHaveLength(CSV_COLUMNS.length);
    return Object.fromEntries(CSV_COLUMNS.map((column, index) => [column, cells[index] ?? ""]));
  });
}

interface HtmlNode {
  nodeName: string;
  tagName?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: HtmlNode[];
  content?: HtmlNode;
  value?: string;
}

function elements(root: HtmlNode): HtmlNode[] {
  const out: HtmlNode[] = [];
  const visit = (node: HtmlNode) => {
    if (node.tagName !== undefined) out.push(node);
    for (const child of node.childNodes ?? []) visit(child);
    if (node.content) visit(node.content);
  };
  visit(root);
  return out;
}

function textContent(node: HtmlNode): string {
  if (node.nodeName === "#text") return node.value ?? "";
  return (node.childNodes ?? []).map(textContent).join("");
}

/**
 * What a browser would build from the markup: every element, attribute and link target. Asserts
 * that nothing in it can run script or fetch anything.
 */
function expectInertHtml(html: string, { allowJsonLd }: { allowJsonLd: boolean }): void {
  const all = elements(parse(html) as unknown as HtmlNode);
  const scripts = all.filter((el) => el.tagName === "script");
  expect(scripts.length).toBe(allowJsonLd ? 1 : 0);
  for (const script of scripts) {
    expect(script.attrs).toEqual([{ name: "type", value: "application/ld+json" }]);
  }
  for (const el of all) {
    expect(["img", "iframe", "object", "embed", "link", "base", "form", "image", "use", "foreignobject"]).not.toContain(
      el.tagName,
    );
    for (const attr of el.attrs ?? []) {
      expect(attr.name.startsWith("on"), `attribute ${attr.name} on <${el.tagName}>`).toBe(false);
      expect(["src", "srcset", "action", "formaction", "xlink:href", "style"]).not.toContain(attr.name);
      // Only http(s) and same-page links; "javascript:" elsewhere in a path or an id is inert text.
      if (attr.name === "href") expect(attr.value).toMatch(/^(https?:\/\/|#)/);
    }
  }
  expect(all.filter((el) => el.tagName === "svg").length).toBeLessThanOrEqual(1);
}

function jsonLdBlock(html: string): string {
  const open = '<script type="application/ld+json">';
  const start = html.indexOf(open);
  expect(start).toBeGreaterThan(-1);
  const end = html.indexOf("</script>", start);
  return html.slice(start + open.length, end);
}

// ---------------------------------------------------------------------------------------------

const PUBLIC = reportFixture("public");
const INTERNAL = reportFixture("internal");
const DRAFT_STATEMENT = "Starmer had never before acknowledged";
const IN_REVIEW_STATEMENT = "The UK government has not set out when";

const TEXT_FORMATS = ["md", "html", "csv", "json", "jsonld"] as const;

async function textOf(data: ReportData, format: ReportFormat): Promise<string> {
  const { body } = await renderReport(data, format);
  return typeof body === "string" ? body : pdfText(body);
}

describe("golden files", () => {
  it.each([
    ["report.public.md", () => renderMarkdown(PUBLIC)],
    ["report.public.html", () => renderHtml(PUBLIC)],
    ["report.public.csv", () => renderCsv(PUBLIC)],
    ["report.public.json", () => renderJson(PUBLIC)],
    ["report.public.jsonld", () => renderJsonLd(PUBLIC)],
    ["report.internal.md", () => renderMarkdown(INTERNAL)],
  ])("%s", (name, render) => {
    expectGolden(name, render());
  });

  it("report.public.pdf.txt", async () => {
    expectGolden("report.public.pdf.txt", await pdfText(await renderPdf(PUBLIC)));
  });

  it("produces byte-identical output for the same data", async () => {
    expect(renderHtml(PUBLIC)).toBe(renderHtml(reportFixture("public")));
    const [a, b] = await Promise.all([renderPdf(PUBLIC), renderPdf(reportFixture("public"))]);
    expect(a.equals(b)).toBe(true);
  });
});

describe("prepareReport", () => {
  it("public: approved claims only, in article order, without internal sources", () => {
    const report = prepareReport(PUBLIC);
    expect(report.claims.map((c) => c.id)).toEqual(["claim-spending", "claim-troops"]);
    expect(report.claims.map((c) => c.number)).toEqual([1, 2]);
    expect(report.claims.flatMap((c) => c.sources).some((s) => s.internal)).toBe(false);
    expect(report.verdictCounts.filter((row) => row.count > 0).map((row) => [row.verdict, row.count])).toEqual([
      ["verified", 1],
      ["disputed", 1],
    ]);
    expect(report.corrections.map((c) => [c.claimId, c.claimNumber])).toEqual([["claim-troops", 2]]);
    expect(report.claims[1]?.dateModified).toBe("2024-12-10T11:15:00.000Z");
    // A claim's context is clipped when first read; serialised, it is the clipped context.
    const { context } = report.claims[0]!;
    const fields = {
      before: context.before,
      after: context.after,
      isBeforeClipped: context.isBeforeClipped,
      isAfterClipped: context.isAfterClipped,
    };
    expect(fields.before.length + fields.after.length).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(context))).toEqual(fields);
  });

  it("internal: every claim in article order, internal sources kept and flagged", () => {
    const report = prepareReport(INTERNAL);
    expect(report.claims.map((c) => [c.id, c.status])).toEqual([
      ["claim-target", "in_review"],
      ["claim-spending", "approved"],
      ["claim-troops", "approved"],
      ["claim-negotiation", "draft"],
    ]);
    expect(report.claims[2]?.sources.filter((s) => s.internal)).toHaveLength(1);
    expect(report.statusCounts).toEqual({ draft: 1, in_review: 1, changes_requested: 0, approved: 2 });
  });

  it("treats any variant other than exactly 'internal' as public", () => {
    const odd = { ...INTERNAL, variant: "Internal" } as unknown as ReportData;
    const report = prepareReport(odd);
    expect(report.isInternal).toBe(false);
    expect(report.claims.every((c) => c.status === "approved")).toBe(true);
  });

  it("hides a source whose internal flag is missing (fails closed)", () => {
    const data = reportFixture("public");
    const source = data.claims[2]?.sources[0] as { internal?: boolean };
    delete source.internal;
    expect(prepareReport(data).claims[0]?.sources.map((s) => s.title)).toEqual(["UK defence spending"]);
  });

  it("drops a correction whose claim the variant does not show", () => {
    const data = reportFixture("public");
    data.corrections.push({
      claimId: "claim-target",
      date: "2024-12-11T00:00:00Z",
      from: "false",
      to: "needs_context",
      note: "x",
    });
    expect(prepareReport(data).corrections.map((c) => c.claimId)).toEqual(["claim-troops"]);
  });

  it("refuses an unknown verdict instead of printing a wrong one", () => {
    const data = reportFixture("public");
    (data.claims[0] as { verdict: string }).verdict = "mostly_true";
    expect(() => prepareReport(data)).toThrow(/Unknown verdict/);
  });
});

describe("variants: nothing internal or unapproved reaches a public format", () => {
  const formats: ReportFormat[] = ["md", "html", "csv", "json", "jsonld", "pdf"];

  it.each(formats)("%s", async (format) => {
    const publicText = await textOf(PUBLIC, format);
    expect(publicText).not.toContain(INTERNAL_MARKER);
    expect(squash(publicText)).not.toContain(DRAFT_STATEMENT);
    expect(squash(publicText)).not.toContain(IN_REVIEW_STATEMENT);
    expect(squash(publicText)).not.toContain("claim-negotiation");
    expect(squash(publicText)).not.toContain("claim-target");

    const internalText = squash(await textOf(INTERNAL, format));
    if (format === "jsonld") {
      // ClaimReview describes approved verdicts only, in every variant.
      expect(internalText).not.toContain(INTERNAL_MARKER);
      expect(internalText).not.toContain(DRAFT_STATEMENT);
    } else {
      // The same assertions must be able to fail: the internal variant does contain them.
      expect(internalText).toContain(INTERNAL_MARKER);
      expect(internalText).toContain(DRAFT_STATEMENT);
      expect(internalText).toContain(IN_REVIEW_STATEMENT);
    }
  });

  it("marks unapproved claims and internal sources in the internal variant", async () => {
    const md = renderMarkdown(INTERNAL);
    expect(md).toContain("**Status: In review.** Not approved; not part of the public report.");
    expect(md).toContain("**Status: Draft.** Not approved; not part of the public report.");
    expect(md).toContain("**INTERNAL SOURCE, do not publish:**");
    expect(md).toContain("**INTERNAL REPORT: not for publication.**");

    const html = renderHtml(INTERNAL);
    expect(html.match(/<p class="status status-pending">/g)).toHaveLength(2);
    expect(html).toContain(
      '<li class="source source-internal"><strong class="internal-flag">Internal source, do not publish:</strong>',
    );
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');

    const rows = csvRecords(renderCsv(INTERNAL));
    expect(rows.map((r) => r.status)).toEqual(["in_review", "approved", "approved", "draft"]);
    expect(rows[2]?.sources).toContain(`2. [INTERNAL] ${INTERNAL_MARKER} interview notes`);

    const json = JSON.parse(renderJson(INTERNAL));
    expect(json.claims.map((c: { status: string }) => c.status)).toEqual(["in_review", "approved", "approved", "draft"]);
    expect(json.claims[2].sources[1].internal).toBe(true);

    const pdf = squash(await pdfText(await renderPdf(INTERNAL)));
    expect(pdf).toContain("Status: In review. Not approved; not part of the public report.");
    expect(pdf).toContain("Status: Draft. Not approved; not part of the public report.");
    expect(pdf).toContain("Internal source, do not publish:");
  });
});

describe("ClaimReview JSON-LD (docs/claimreview.md)", () => {
  const reviews: ClaimReviewJsonLd[] = JSON.parse(renderJsonLd(PUBLIC));
  const labels = new Set(VERDICTS.map((v) => VERDICT_INFO[v].label.toLowerCase()));

  it("has one ClaimReview per approved claim, in both variants", () => {
    expect(reviews.map((r) => r.url)).toEqual([
      "https://desk.example/reports/lammy-nato-defence-spending#claim-claim-spending",
      "https://desk.example/reports/lammy-nato-defence-spending#claim-claim-troops",
    ]);
    expect(buildClaimReviews(INTERNAL)).toEqual(buildClaimReviews(PUBLIC));
  });

  it.each([0, 1])("review %i carries the required and recommended properties", (index) => {
    const review = reviews[index] as ClaimReviewJsonLd;
    // Required
    expect(review["@context"]).toBe("https://schema.org");
    expect(review["@type"]).toBe("ClaimReview");
    expect(typeof review.claimReviewed).toBe("string");
    expect(review.claimReviewed.length).toBeGreaterThan(0);
    expect(review.claimReviewed.length).toBeLessThan(75);
    expect(labels.has(review.claimReviewed.toLowerCase())).toBe(false);
    expect(review.reviewRating["@type"]).toBe("Rating");
    expect(typeof review.reviewRating.alternateName).toBe("string");
    expect(review.url).toMatch(/^https:\/\/desk\.example\/reports\/lammy-nato-defence-spending#claim-/);
    // Recommended
    expect(review.author).toEqual({ "@type": "Organization", name: "Fact-check Desk", url: "https://desk.example" });
    expect(review.datePublished).toBe("2024-12-05T16:00:00.000Z");
    expect(review.itemReviewed["@type"]).toBe("Claim");
    expect(review.itemReviewed.author?.name).toEqual(expect.any(String));
    expect(["Person", "Organization"]).toContain(review.itemReviewed.author?.["@type"]);
    expect(review.itemReviewed.datePublished).toBe("2024-12-04");
    expect(review.itemReviewed.appearance).toEqual({
      "@type": "CreativeWork",
      url: "https://paper.example.com/politics/lammy-nato-defence-spending",
    });
  });

  it("numbers only verdicts on the true/false line, within the published bounds", () => {
    const [verified, disputed] = reviews as [ClaimReviewJsonLd, ClaimReviewJsonLd];
    expect(verified.reviewRating).toEqual({
      "@type": "Rating",
      ratingValue: VERDICT_INFO.verified.rating,
      bestRating: BEST_RATING,
      worstRating: WORST_RATING,
      alternateName: "Verified",
    });
    expect(disputed.reviewRating).toEqual({ "@type": "Rating", alternateName: "Disputed" });
    expect(verified.itemReviewed.author).toEqual({ "@type": "Person", name: "David Lammy" });
    expect(disputed.itemReviewed.author).toEqual({ "@type": "Organization", name: "The Example Paper" });
  });

  it("keeps every verdict's rating within worstRating ≥ 1 < bestRating", () => {
    for (const verdict of VERDICTS) {
      const data = reportFixture("public");
      (data.claims[2] as { verdict: string }).verdict = verdict;
      const review = buildClaimReviews(data).find((r) => r.url.endsWith("#claim-claim-spending"));
      const rating = review?.reviewRating;
      expect(rating?.alternateName).toBe(VERDICT_INFO[verdict].label);
      if (VERDICT_INFO[verdict].rating === null) {
        expect(Object.keys(rating ?? {}).sort()).toEqual(["@type", "alternateName"]);
      } else {
        const { ratingValue, bestRating, worstRating } = rating as Required<NonNullable<typeof rating>>;
        expect(worstRating).toBeGreaterThanOrEqual(1);
        expect(bestRating).toBeGreaterThan(worstRating);
        expect(ratingValue).toBeGreaterThanOrEqual(worstRating);
        expect(ratingValue).toBeLessThanOrEqual(bestRating);
      }
    }
  });

  it("sets dateModified only on the corrected claim", () => {
    expect(reviews[0]?.dateModified).toBeUndefined();
    expect(reviews[1]?.dateModified).toBe("2024-12-10T11:15:00.000Z");
  });

  it("says what the page says: each url anchors an element holding that claim", () => {
    const html = renderHtml(PUBLIC);
    for (const review of reviews) {
      const id = decodeURIComponent(review.url.split("#")[1] ?? "");
      expect(html).toContain(`<article class="claim" id="${id}">`);
      expect(html).toContain(escapeHtml(review.claimReviewed.replace(/…$/, "")));
    }
    expect(JSON.parse(jsonLdBlock(html))).toEqual(reviews);
  });

  it("shortens claimReviewed below 75 characters at a word boundary", () => {
    const long = "The United Kingdom currently spends about 2.3 per cent of its gross domestic product on defence every year";
    const short = toClaimReviewed(long);
    expect(short.length).toBeLessThan(75);
    expect(short.endsWith("…")).toBe(true);
    const kept = short.slice(0, -1);
    expect(long.startsWith(kept)).toBe(true);
    expect(long[kept.length]).toBe(" ");
    expect(toClaimReviewed("Short claim.")).toBe("Short claim.");
    expect(toClaimReviewed("x".repeat(200))).toBe(`${"x".repeat(73)}…`);
  });

  it("claimReviewed stays under 75 UTF-16 units for any text and never splits a surrogate pair", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        const result = toClaimReviewed(text);
        expect(result.length).toBeLessThan(75);
        expect(result).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
        if (text.replace(/[ \t\n\v\f\r\u0085\u2028\u2029]+/g, " ").trim() !== "") expect(result).not.toBe("");
      }),
    );
  });
});

describe("CSV", () => {
  it("is RFC 4180 with a BOM, one row per claim", () => {
    const csv = renderCsv(PUBLIC);
    expect(csv.endsWith("\r\n")).toBe(true);
    const rows = csvRecords(csv);
    expect(rows.map((r) => r.claim_id)).toEqual(["claim-spending", "claim-troops"]);
    expect(rows[1]?.verdict).toBe("Disputed");
    expect(rows[1]?.rating_value).toBe("");
    expect(rows[0]?.rating_value).toBe("4");
  });

  it("neutralises cells that a spreadsheet would run as a formula", () => {
    const data = reportFixture("public");
    const claim = data.claims[2] as ReportData["claims"][number];
    claim.claimant = '=HYPERLINK("https://evil.example","click")';
    claim.statement = "+1 (555) 0100";
    claim.rationale = "-2+3";
    claim.approvedBy = "@SUM(A1:A9)";
    claim.exact = "\tcmd";
    claim.contextBefore = "";
    claim.id = "\r=1+1";
    const row = csvRecords(renderCsv(data))[0] as Record<string, string>;
    expect(row.claimant).toBe(`'=HYPERLINK("https://evil.example","click")`);
    expect(row.statement).toBe("'+1 (555) 0100");
    expect(row.how_we_checked).toBe("'-2+3");
    expect(row.approved_by).toBe("'@SUM(A1:A9)");
    expect(row.quote).toBe("'\tcmd");
    expect(row.claim_id).toBe("'\r=1+1");
    for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("csvCell round-trips any text through an RFC 4180 parser", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (text) => {
        const [[cell]] = parseCsv(`${csvCell(text)}\r\n`) as [[string]];
        expect(cell).toBe(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
      }),
    );
  });
});

describe("JSON", () => {
  it("is the documented, versioned shape", () => {
    const json = JSON.parse(renderJson(PUBLIC));
    expect(json.format).toBe("fact-check-report");
    expect(json.version).toBe(REPORT_JSON_VERSION);
    expect(json.variant).toBe("public");
    expect(json.summary.byVerdict).toEqual({
      unverified: 0,
      verified: 1,
      needs_context: 0,
      misleading: 0,
      disputed: 1,
      false: 0,
      unproven: 0,
    });
    expect(json.ratingScale.verdicts).toHaveLength(VERDICTS.length);
    expect(json.corrections[0]).toMatchObject({ claimId: "claim-troops", claimNumber: 2 });
  });
});

describe("renderReport", () => {
  it.each(Object.keys(REPORT_FORMATS) as ReportFormat[])("%s has its content type and extension", async (format) => {
    const rendered = await renderReport(PUBLIC, format);
    expect(rendered.contentType).toBe(REPORT_FORMATS[format].contentType);
    expect(rendered.extension).toBe(REPORT_FORMATS[format].extension);
    expect(rendered.fileName).toBe(`lammy-nato-defence-spending-fact-check.${REPORT_FORMATS[format].extension}`);
    if (format === "pdf") {
      expect(Buffer.isBuffer(rendered.body)).toBe(true);
      expect(rendered.contentType).toBe("application/pdf");
    } else {
      expect(typeof rendered.body).toBe("string");
      expect(rendered.contentType).toMatch(/; charset=utf-8$/);
    }
  });

  it("refuses a format that is not in the table", async () => {
    for (const format of ["__proto__", "toString", "exe", ""]) {
      await expect(renderReport(PUBLIC, format as ReportFormat)).rejects.toThrow(/Unknown report format/);
    }
  });

  it("renders a report with nothing approved yet", async () => {
    const data = reportFixture("public");
    for (const claim of data.claims) claim.status = "in_review";
    for (const format of Object.keys(REPORT_FORMATS) as ReportFormat[]) {
      const text = await textOf(data, format);
      expect(text).not.toContain("North Korea");
    }
    expect(renderJsonLd(data)).toBe("[]\n");
    expect(renderMarkdown(data)).toContain("No claims have been published for this article yet.");
  });

  it("makes an ASCII file name out of any slug", () => {
    const data = reportFixture("internal");
    data.article.slug = '../../"evil"\r\nname é';
    expect(reportFileName(data, "pdf")).toBe("evil-name-fact-check-internal.pdf");
    data.article.slug = "";
    expect(reportFileName(data, "md")).toBe("report-fact-check-internal.md");
  });
});

describe("PDF", () => {
  let text = "";
  beforeAll(async () => {
    text = squash(await pdfText(await renderPdf(PUBLIC)));
  });

  it("has selectable text with every published claim statement and verdict", () => {
    for (const claim of prepareReport(PUBLIC).claims) {
      expect(text).toContain(claim.statement);
      expect(text).toContain(claim.verdictInfo.label);
    }
    expect(text).toContain("Lammy urges Nato allies to ‘get serious’ about defence spending");
  });

  it("numbers its pages", () => {
    expect(text).toMatch(/Page 1 of (\d+)/);
    const total = Number(/Page 1 of (\d+)/.exec(text)?.[1]);
    expect(text).toContain(`Page ${total} of ${total}`);
  });

  it("embeds its fonts and draws the chart", async () => {
    const raw = (await renderPdf(PUBLIC)).toString("latin1");
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
    expect(text).toContain("✓ Verified");
    expect(text).toContain("⇄ Disputed");
  });
});

// ---------------------------------------------------------------------------------------------
// Stored XSS: every payload in every text field, through every format.

const PAYLOADS = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "</script><script>alert(1)</script>",
  "[x](javascript:alert(1))",
  "<svg onload=alert(1)>",
  "\u2028",
];

/** Appends the payload to every user-controlled string; URLs become the payload itself. */
function withPayload(base: ReportData, payload: string): ReportData {
  const t = (value: string) => `${value} ${payload}`;
  const tn = (value: string | null) => (value === null ? payload : t(value));
  return {
    ...base,
    article: {
      id: t(base.article.id),
      title: t(base.article.title),
      slug: t(base.article.slug),
      url: payload,
      publisher: tn(base.article.publisher),
      author: tn(base.article.author),
      publishedAt: base.article.publishedAt,
    },
    organization: { ...base.organization, name: t(base.organization.name) },
    claims: base.claims.map((claim) => ({
      ...claim,
      id: t(claim.id),
      exact: t(claim.exact),
      contextBefore: t(claim.contextBefore),
      contextAfter: t(claim.contextAfter),
      claimant: tn(claim.claimant),
      statement: t(claim.statement),
      rationale: t(claim.rationale),
      approvedBy: tn(claim.approvedBy),
      sources: [
        ...claim.sources.map((source) => ({
          ...source,
          title: t(source.title),
          publisher: tn(source.publisher),
          url: payload,
          quote: tn(source.quote),
        })),
        // A valid http(s) URL carrying the payload: the link path, not just the plain-text one.
        {
          title: t("Linked source"),
          publisher: payload,
          url: `https://links.example/${payload}?q=${payload}#${payload}`,
          accessedAt: "2024-12-05",
          quote: payload,
          kind: "secondary" as const,
          internal: false,
        },
      ],
    })),
    corrections: base.corrections.map((correction) => ({
      ...correction,
      claimId: t(correction.claimId),
      note: t(correction.note),
    })),
  };
}

describe.each(PAYLOADS.map((payload) => [JSON.stringify(payload), payload]))("XSS payload %s", (_name, payload) => {
  const variants = (["public", "internal"] as const).map((variant) => withPayload(reportFixture(variant), payload));

  it("HTML renders it as text only", () => {
    for (const data of variants) {
      const html = renderHtml(data);
      expectInertHtml(html, { allowJsonLd: true });
      expect(html).not.toContain("<script>alert");
      expect(html).not.toMatch(/<img|<svg onload|onerror=alert\(1\)>|href="javascript:/i);
      expect(html.match(/<script/g)).toHaveLength(1);
      expect(html.match(/<\/script/g)).toHaveLength(1);

      const jsonLd = jsonLdBlock(html);
      expect(jsonLd).not.toContain("<");
      expect(jsonLd).not.toContain("\u2028");
      expect(JSON.parse(jsonLd)).toEqual(buildClaimReviews(data));

      // The title, as a browser reads it, is exactly the stored text.
      const title = elements(parse(html) as unknown as HtmlNode).find((el) => el.tagName === "h1");
      expect(textContent(title as HtmlNode)).toBe(data.article.title);
    }
  });

  it("Markdown has no live link or raw HTML", () => {
    for (const data of variants) {
      const md = renderMarkdown(data);
      // An unescaped "](" followed by javascript: would be a link; "\\](" is literal text.
      expect(md).not.toMatch(/(?<!\\)\]\(\s*javascript:/i);
      expect(md).not.toMatch(/(?<!\\)</);
      const html = marked.parse(md, { async: false, gfm: true });
      expectInertHtml(`<!DOCTYPE html><html><body>${html}</body></html>`, { allowJsonLd: false });
      expect(html).not.toMatch(/<script|<img|<svg/i);
    }
  });

  it("JSON and JSON-LD parse back to the same strings", () => {
    for (const data of variants) {
      const raw = renderJson(data);
      expect(raw).not.toContain("<");
      const json = JSON.parse(raw);
      expect(json.article.title).toBe(data.article.title);
      expect(json.article.url).toBe(payload);
      expect(json.organization.name).toBe(data.organization.name);
      const claims = prepareReport(data).claims;
      expect(json.claims.map((c: { statement: string }) => c.statement)).toEqual(claims.map((c) => c.statement));
      expect(json.claims[0].rationale).toBe(claims[0]?.rationale);
      expect(json.claims[0].claimant.name).toBe(claims[0]?.claimant);
      expect(json.claims[0].sources[0].url).toBe(payload);
      expect(json.claims[0].sources[0].isLinkable).toBe(false);
      expect(json.corrections[0].note).toBe(data.corrections[0]?.note);

      const ldRaw = renderJsonLd(data);
      expect(ldRaw).not.toContain("<");
      const reviews: ClaimReviewJsonLd[] = JSON.parse(ldRaw);
      expect(reviews).toEqual(buildClaimReviews(data));
      expect(reviews).toHaveLength(2);
      for (const review of reviews) {
        expect(review.author.name).toBe(data.organization.name);
        expect(review.claimReviewed.length).toBeLessThan(75);
        expect(review.itemReviewed.appearance).toBeUndefined();
        expect(review.url.startsWith(`${data.reportUrl}#`)).toBe(true);
      }
      // Names are whitespace-normalised in ClaimReview, so only the U+2028 payload differs here.
      const approved = data.claims.filter((c) => c.status === "approved");
      expect(reviews.map((r) => r.itemReviewed.author?.name).sort()).toEqual(
        approved.map((c) => collapseWhitespace(c.claimant ?? "")).sort(),
      );
    }
  });

  it("CSV parses back to the same strings", () => {
    for (const data of variants) {
      const rows = csvRecords(renderCsv(data));
      const claims = prepareReport(data).claims;
      expect(rows.map((r) => r.statement)).toEqual(claims.map((c) => c.statement));
      expect(rows.map((r) => r.how_we_checked)).toEqual(claims.map((c) => c.rationale));
      expect(rows[0]?.article_title).toBe(data.article.title);
    }
  });

  it("PDF renders it as text", async () => {
    const data = variants[0] as ReportData;
    const text = squash(await pdfText(await renderPdf(data)));
    expect(text).toContain(squash(data.article.title).trim().slice(0, 40));
    if (payload.trim() !== "") expect(text).toContain(payload.slice(0, 12));
  });
});

// ---------------------------------------------------------------------------------------------
// The escaping helpers, for any input

describe("escape helpers", () => {
  const markdownish = fc.string({
    unit: fc.constantFrom(
      ..."\\`*_{}[]()#+-.!|<>~&=:;\"' \n\t1aZ".split(""),
      "&amp;",
      "&#60;",
      "javascript:",
      "https://x.example/",
      "www.x.example",
      "---",
      "```",
    ),
    maxLength: 40,
  });

  it("toSafeHttpUrl links http(s) only", () => {
    expect(toSafeHttpUrl("https://example.org/a b")).toBe("https://example.org/a%20b");
    expect(toSafeHttpUrl("HTTP://EXAMPLE.org")).toBe("http://example.org/");
    for (const bad of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " javascript:alert(1)",
      "java\tscript:alert(1)",
      "java\nscript:alert(1)",
      "\u0001javascript:alert(1)",
      "%6Aavascript:alert(1)",
      "&#106;avascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "//evil.example/x",
      "/relative",
      "https://trusted.example@evil.example/",
      `https://example.org/${"a".repeat(MAX_URL_LENGTH)}`,
      "",
    ]) {
      expect(toSafeHttpUrl(bad), bad).toBeNull();
    }
  });

  it("escapeHtml: a browser reads back exactly the input, as one text node", () => {
    const htmlish = fc.string({
      unit: fc.oneof(
        fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
        fc.constantFrom("<", ">", "&", '"', "'", "<script>", "</p>", "<!--", "&amp;", "&lt", "\0", "\r\n"),
      ),
      maxLength: 40,
    });
    fc.assert(
      fc.property(htmlish, (text) => {
        const fragment = parseFragment(`<p title="${escapeHtml(text)}">${escapeHtml(text)}</p>`) as unknown as HtmlNode;
        const p = fragment.childNodes?.[0] as HtmlNode;
        expect(p.childNodes?.length ?? 0).toBeLessThanOrEqual(1);
        // The HTML parser itself normalises CR and drops NUL in text; nothing else may change.
        const normalised = text.replace(/\r\n?/g, "\n");
        expect(textContent(p)).toBe(normalised.replace(/\0/g, ""));
        expect(p.attrs?.[0]?.value).toBe(normalised.replace(/\0/g, "\uFFFD"));
      }),
    );
  });

  it("escapeMarkdown: the rendered text is the input, and nothing but text", () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const html = marked.parse(escapeMarkdown(text), { async: false, gfm: true });
        const fragment = parseFragment(html) as unknown as HtmlNode;
        const tags = elements(fragment).map((el) => el.tagName);
        // No links either: user text never becomes one (GFM would autolink bare URLs).
        expect(tags.every((tag) => tag === "p")).toBe(true);
        expect(textContent(fragment).trim()).toBe(text.replace(/[ \t\n\v\f\r]+/g, " ").trim());
      }),
      { numRuns: 500 },
    );
  });

  it("escapeMarkdownLinkText: exactly one link, whose text is the input", () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        fc.pre(text.trim() !== "");
        const html = marked.parse(`[${escapeMarkdownLinkText(text)}](https://x.example/)`, { async: false, gfm: true });
        const fragment = parseFragment(html) as unknown as HtmlNode;
        const links = elements(fragment).filter((el) => el.tagName === "a");
        expect(links).toHaveLength(1);
        expect(links[0]?.attrs).toEqual([{ name: "href", value: "https://x.example/" }]);
        expect(elements(fragment).map((el) => el.tagName)).toEqual(["p", "a"]);
        expect(textContent(fragment).trim()).toBe(text.replace(/[ \t\n\v\f\r]+/g, " ").trim());
      }),
      { numRuns: 500 },
    );
  });

  it("stringifyJsonSafe parses back identically and cannot close a script element", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: "binary" }), (value, text) => {
        const out = stringifyJsonSafe({ value, text });
        expect(out).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify({ value, text })));
      }),
    );
    expect(jsonLdForScript({ a: "</script><!--" })).toBe('{"a":"\\u003c/script\\u003e\\u003c!--"}');
    // Each of the five alone: the escape pass runs only when the text has one of them.
    for (const [c, escaped] of [
      ["<", "\\u003c"],
      [">", "\\u003e"],
      ["&", "\\u0026"],
      ["\u2028", "\\u2028"],
      ["\u2029", "\\u2029"],
    ])
      expect(stringifyJsonSafe({ a: `x${c}y` })).toBe(`{"a":"x${escaped}y"}`);
  });
});

describe("structure", () => {
  // The variant rules live in prepareReport only. A renderer that read ReportData's claims,
  // sources or corrections itself could show what the public variant must hide.
  it.each(["render-markdown", "render-html", "render-csv", "render-json", "render-jsonld", "render-pdf"])(
    "%s reads ReportData only through prepareReport",
    (name) => {
      const source = readFileSync(fileURLToPath(new URL(`../../lib/reports/${name}.ts`, import.meta.url)), "utf8");
      expect(source).toMatch(/prepareReport\(data\)/);
      expect(source).not.toMatch(/\bdata\.(claims|corrections|article|organization|variant|reportUrl)\b/);
    },
  );

  it("the HTML export loads nothing: no url() or @import in its CSS", () => {
    const html = renderHtml(INTERNAL);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    expect(style.length).toBeGreaterThan(100);
    expect(style).not.toMatch(/url\(|@import|@font-face/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
  });
});

// Formats the lists above rely on; fails if a format is added without a test.
it("covers every report format", () => {
  expect([...TEXT_FORMATS, "pdf"].sort()).toEqual(Object.keys(REPORT_FORMATS).sort());
});
