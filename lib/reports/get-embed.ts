import "server-only";
import { z } from "zod";
import { isUuid } from "../validation";
import { getPublishedReport } from "./get-published-report";
import type { ReportClaim, ReportData } from "./types";

export type EmbeddableClaim =
  { state: "found"; report: ReportData; claim: ReportClaim } | { state: "gone" } | { state: "missing" };

/**
 * A claim of the latest publication of a report, for its embeddable card. Public like the report
 * page (no actor): it only ever reads the published public snapshot, so a claim that is not in it
 * (never approved, or withdrawn by a republish) is "missing" and an unpublished report is "gone".
 */
export async function getEmbeddableClaim(slug: string, claimId: string): Promise<EmbeddableClaim> {
  if (!isUuid(claimId)) return { state: "missing" };
  const report = await getPublishedReport(slug);
  if (report.state !== "published") return { state: report.state };
  const claim = report.data.claims.find((c) => c.id === claimId && c.status === "approved");
  return claim ? { state: "found", report: report.data, claim } : { state: "missing" };
}

/** The oEmbed query (https://oembed.com): every value is read leniently, as oEmbed consumers send them. */
export const oembedQuerySchema = z.object({
  url: z.string().default("").describe("The public report page with #claim-<id>, or a verdict card's address."),
  maxwidth: z.string().optional().describe("The widest frame the consumer can show, in pixels."),
  format: z.string().default("json").describe("json; anything else answers 501."),
});

/**
 * The report slug and claim id an oEmbed `url` names: the public page with `#claim-<id>`, or the
 * card's own address. Only addresses under this desk's public base are understood.
 */
export function parseEmbedTarget(raw: string, publicBase: string): { slug: string; claimId: string } | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  const base = new URL(publicBase);
  if (url.origin !== base.origin) return null;
  const basePath = base.pathname.replace(/\/+$/, "");
  const rest = url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : null;
  if (!rest) return null;
  const report = /^\/reports\/([a-z0-9-]{1,200})$/.exec(rest);
  const hash = /^#claim-([0-9a-f-]{36})$/i.exec(url.hash);
  if (report && hash) return { slug: report[1]!, claimId: hash[1]!.toLowerCase() };
  const embed = /^\/embed\/([a-z0-9-]{1,200})\/([0-9a-f-]{36})$/i.exec(rest);
  if (embed) return { slug: embed[1]!, claimId: embed[2]!.toLowerCase() };
  return null;
}
