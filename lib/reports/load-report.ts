import "server-only";
import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import { fixedStatement, getDb, type Db, type Tx } from "@/lib/database";
import { articleRevisions, articles, claimFigures, claims, reportPublications, sources, users } from "@/db/schema";
import { isUuid } from "../validation";
import { isSlug } from "../articles/slug";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { type SystemActor, isSystemActor } from "../auth/system-actor";
import { env, organizationUrl, publicBaseUrl } from "../env";
import { notFound } from "../errors";
import { CONTEXT_LENGTH } from "./prepare";
import { type ReportSnapshotHistory, readReportSnapshotHistory } from "./report-snapshot";
import type { AnchorState } from "../anchoring/anchor";
import type { Verdict } from "../claims/verdicts";
import type {
  ReportArticle,
  ReportClaim,
  ReportCorrection,
  ReportData,
  ReportFigure,
  ReportSource,
  ReportVariant,
} from "./types";

// A little more than a report shows (CONTEXT_LENGTH): context longer than that tells prepareReport
// the article goes on, so it cuts at a word boundary and adds an ellipsis.
const CONTEXT = CONTEXT_LENGTH + 20;

/**
 * A revision's text, cut by code point (anchors count code points). Text with no character outside
 * the Basic Multilingual Plane has one UTF-16 unit per code point and is sliced as it is; only text
 * with surrogate pairs is split into code points (for a long article, splitting every character was
 * a large share of an export's time and garbage).
 */
interface CodePointText {
  text: string;
  chars: string[] | null;
}

function codePointText(text: string): CodePointText {
  return { text, chars: /[\uD800-\uDFFF]/.test(text) ? Array.from(text) : null };
}

function cpSlice(body: CodePointText | undefined, start: number, end: number): string {
  if (!body) return "";
  const from = Math.max(0, start);
  const to = Math.max(0, end);
  return body.chars ? body.chars.slice(from, to).join("") : body.text.slice(from, to);
}

/** The public page of a report; `origin` is the request's (see publicBaseUrl). */
export function reportUrlFor(slug: string, origin?: string | null): string {
  return `${publicBaseUrl(origin)}/reports/${encodeURIComponent(slug)}`;
}

/**
 * Assembles the report of one article from the database: approved claims only for the public
 * variant, every claim for the internal one (the renderers filter again in prepareReport, so a
 * public report can never carry more than this). Publication dates and corrections come from the
 * publication history.
 */
export async function assembleReport(
  db: Db | Tx,
  articleIdOrSlug: string,
  variant: ReportVariant,
  origin?: string | null,
): Promise<ReportData> {
  return (await assembleWithLatest(db, articleIdOrSlug, variant, origin)).data;
}

/**
 * A timestamp as the driver's text read into a JS Date and written by `toISOString()` gives it: UTC,
 * to the millisecond, the microseconds cut off (not rounded). The same for every timestamp the
 * server sets (years 1000 to 9999).
 */
const iso = (value: AnyColumn | SQL) => sql`to_char(${value} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// The claims as JSON arrays, in this order (ClaimJson below): PGlite decodes every field of a row
// into a buffer of its own (33,000 of them for 1,000 claims and 2,000 sources were a third of its
// export time) and drizzle maps every row through its field list; one JSON text per list is parsed
// natively in one go.
type ClaimJson = [
  id: string,
  startCp: number,
  endCp: number,
  exact: string,
  anchorText: string | null,
  anchorRevisionId: string,
  anchorState: AnchorState,
  claimant: string | null,
  claimantType: ReportClaim["claimantType"],
  statement: string,
  claimDate: string | null,
  verdict: Verdict,
  rationale: string,
  status: ReportClaim["status"],
  approvedAt: string | null,
  lastRecheckedAt: string | null,
  approverName: string | null,
];
type SourceJson = [
  claimId: string,
  title: string,
  publisher: string | null,
  url: string,
  accessedAt: string | null,
  quote: string | null,
  kind: ReportSource["kind"],
  internal: boolean,
];
type FigureJson = [
  claimId: string,
  origin: ReportFigure["origin"],
  text: string,
  // A JSON number, or "NaN" / "Infinity" as PostgreSQL writes those in JSON.
  value: number | string,
  scale: number | string,
  unit: string | null,
  unitKind: ReportFigure["unitKind"],
  currency: string | null,
  qualifier: ReportFigure["qualifier"],
  approximate: boolean,
  period: string | null,
  place: string | null,
  subject: string | null,
  edited: boolean,
];

/** The one row of reportStatement: the article's columns, then JSON lists as text (null when empty). */
interface ReportRow extends ReportArticle {
  claims: string | null;
  sources: string | null;
  figures: string | null;
  bodies: string | null;
  latestLive: boolean | null;
  latestSnapshot: string | null;
  firstPublishedAt: string | null;
}

/**
 * Everything a report needs of one article in one statement: the article, its claims (approved
 * only for the public variant) with their approvers' names, their sources and figures, the texts of
 * the revisions they are anchored to, and its latest and first publications. No row: no article.
 */
function reportStatement(byId: boolean, variant: ReportVariant): SQL {
  const claimsOfA = (c: string) =>
    variant === "public"
      ? sql`${sql.identifier(c)}.article_id = a.id and ${sql.identifier(c)}.status = 'approved'`
      : sql`${sql.identifier(c)}.article_id = a.id`;
  return sql`select a.id, a.title, a.slug, a.url, a.publisher, a.author, a.published_at::text as "publishedAt",
  (select json_agg(json_build_array(${claims.id}, ${claims.startCp}, ${claims.endCp}, ${claims.exact}, ${claims.anchorText},
      ${claims.anchorRevisionId}, ${claims.anchorState}, ${claims.claimant}, ${claims.claimantType}, ${claims.statement},
      ${claims.claimDate}::text, ${claims.verdict}, ${claims.rationale}, ${claims.status}, ${iso(claims.approvedAt)},
      ${iso(claims.lastRecheckedAt)}, approver.name) order by ${claims.startCp}, ${claims.id})
    from ${claims} left join ${users} approver on approver.id = ${claims.approvedBy}
    where ${claimsOfA("claims")})::text as "claims",
  (select json_agg(json_build_array(${sources.claimId}, ${sources.title}, ${sources.publisher}, ${sources.url},
      ${sources.accessedAt}::text, ${sources.quote}, ${sources.kind}, ${sources.internal}) order by ${sources.createdAt}, ${sources.id})
    from ${sources} join ${claims} c on c.id = ${sources.claimId}
    where ${claimsOfA("c")})::text as "sources",
  (select json_agg(json_build_array(${claimFigures.claimId}, ${claimFigures.origin}, ${claimFigures.text}, ${claimFigures.value},
      ${claimFigures.scale}, ${claimFigures.unit}, ${claimFigures.unitKind}, ${claimFigures.currency}, ${claimFigures.qualifier},
      ${claimFigures.approximate}, ${claimFigures.period}, ${claimFigures.place}, ${claimFigures.subject}, ${claimFigures.override})
      order by ${claimFigures.claimId}, ${claimFigures.origin} desc, ${claimFigures.position}, ${claimFigures.id})
    from ${claimFigures} join ${claims} c on c.id = ${claimFigures.claimId}
    where ${claimsOfA("c")})::text as "figures",
  (select json_agg(json_build_array(${articleRevisions.id}, ${articleRevisions.body}))
    from ${articleRevisions}
    where ${articleRevisions.id} in (select c.anchor_revision_id from ${claims} c where ${claimsOfA("c")}))::text as "bodies",
  latest.live as "latestLive", latest.snapshot::text as "latestSnapshot", ${iso(sql`first.published_at`)} as "firstPublishedAt"
from ${articles} a
left join lateral (
  select ${reportPublications.unpublishedAt} is null as live, ${reportPublications.snapshot} as snapshot from ${reportPublications}
  where ${reportPublications.articleId} = a.id order by ${reportPublications.version} desc limit 1
) latest on true
left join ${reportPublications} first on first.article_id = a.id and first.version = 1
where ${byId ? sql`a.id = ${sql.placeholder("key")}` : sql`a.slug = ${sql.placeholder("key")}`}`;
}

const reportStatements = {
  public: {
    byId: fixedStatement<ReportRow>("report_public_by_id", reportStatement(true, "public")),
    bySlug: fixedStatement<ReportRow>("report_public_by_slug", reportStatement(false, "public")),
  },
  internal: {
    byId: fixedStatement<ReportRow>("report_internal_by_id", reportStatement(true, "internal")),
    bySlug: fixedStatement<ReportRow>("report_internal_by_slug", reportStatement(false, "internal")),
  },
};

const parseList = <T>(json: string | null): T[] => (json === null ? [] : (JSON.parse(json) as T[]));

/** Appends `value` to the list of `key` (each claim's sources, each claim's figures). */
function addTo<V>(lists: Map<string, V[]>, key: string, value: V): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

async function assembleWithLatest(
  db: Db | Tx,
  articleIdOrSlug: string,
  variant: ReportVariant,
  origin?: string | null,
): Promise<{ data: ReportData; latest: { snapshot: ReportSnapshotHistory; live: boolean } | null }> {
  const byId = isUuid(articleIdOrSlug);
  const statements = reportStatements[variant === "internal" ? "internal" : "public"];
  const [row] = await (byId ? statements.byId : statements.bySlug)(db, {
    key: byId || isSlug(articleIdOrSlug) ? articleIdOrSlug : "",
  });
  if (!row) throw notFound("The article");

  const bodies = new Map<string, CodePointText>();
  for (const [id, body] of parseList<[string, string]>(row.bodies)) bodies.set(id, codePointText(body));

  const sourcesByClaim = new Map<string, ReportSource[]>();
  for (const [claimId, title, publisher, url, accessedAt, quote, kind, internal] of parseList<SourceJson>(row.sources)) {
    if (variant !== "internal" && internal) continue;
    addTo(sourcesByClaim, claimId, { title, publisher, url, accessedAt, quote, kind, internal });
  }

  const figuresByClaim = new Map<string, ReportFigure[]>();
  for (const [
    claimId,
    origin,
    text,
    value,
    scale,
    unit,
    unitKind,
    currency,
    qualifier,
    approximate,
    period,
    place,
    subject,
    edited,
  ] of parseList<FigureJson>(row.figures)) {
    addTo(figuresByClaim, claimId, {
      origin,
      text,
      value: Number(value),
      scale: Number(scale),
      unit,
      unitKind,
      currency,
      qualifier,
      approximate,
      period,
      place,
      subject,
      edited,
    });
  }

  const claimRows = parseList<ClaimJson>(row.claims);
  const reportClaims: ReportClaim[] = new Array<ReportClaim>(claimRows.length);
  for (let i = 0; i < claimRows.length; i++) {
    const [
      id,
      startCp,
      endCp,
      exact,
      anchorText,
      anchorRevisionId,
      anchorState,
      claimant,
      claimantType,
      statement,
      claimDate,
      verdict,
      rationale,
      status,
      approvedAt,
      lastRecheckedAt,
      approverName,
    ] = claimRows[i]!;
    // An orphaned claim still points at the revision it was last found in: quoting around it would
    // show text the article no longer has, so it gets no context (the report says why instead).
    const body = anchorState === "orphaned" ? undefined : bodies.get(anchorRevisionId);
    const isApproved = status === "approved";
    reportClaims[i] = {
      id,
      position: startCp,
      // What the article says now under the claim when it changed; the marked quote otherwise.
      exact: anchorText ?? exact,
      anchorState,
      contextBefore: cpSlice(body, startCp - CONTEXT, startCp),
      contextAfter: cpSlice(body, endCp, endCp + CONTEXT),
      claimant,
      claimantType,
      statement,
      claimDate,
      verdict,
      rationale,
      status,
      approvedBy: isApproved ? approverName : null,
      approvedAt: isApproved ? approvedAt : null,
      ...(isApproved && lastRecheckedAt ? { lastRecheckedAt } : {}),
      sources: sourcesByClaim.get(id) ?? [],
      figures: figuresByClaim.get(id) ?? [],
    };
  }

  const latestSnapshot = row.latestSnapshot === null ? undefined : readReportSnapshotHistory(JSON.parse(row.latestSnapshot));
  const data: ReportData = {
    variant,
    article: {
      id: row.id,
      title: row.title,
      slug: row.slug,
      url: row.url,
      publisher: row.publisher,
      author: row.author,
      publishedAt: row.publishedAt,
    },
    organization: { name: env.ORG_NAME, url: organizationUrl(origin) },
    reportUrl: reportUrlFor(row.slug, origin),
    generatedAt: new Date().toISOString(),
    firstPublishedAt: row.firstPublishedAt,
    modifiedAt: latestSnapshot?.modifiedAt ?? null,
    claims: reportClaims,
    corrections: latestSnapshot?.corrections ?? [],
  };
  return { data, latest: latestSnapshot ? { snapshot: latestSnapshot, live: row.latestLive === true } : null };
}

/** Corrections a republish adds: one dated note per published claim whose verdict changed. */
export function newCorrections(
  previous: Pick<ReportSnapshotHistory, "claims">,
  next: ReportData,
  at: string,
): ReportCorrection[] {
  const before = new Map(previous.claims.map((c) => [c.id, c]));
  const out: ReportCorrection[] = [];
  for (const claim of next.claims) {
    const old = before.get(claim.id);
    if (old && old.verdict !== claim.verdict) {
      out.push({
        claimId: claim.id,
        date: at,
        from: old.verdict,
        to: claim.verdict,
        note: `The verdict on “${claim.statement}” was changed after publication.`,
      });
    }
  }
  return out;
}

export interface ReportOptions {
  /** The origin the request came to, for public links when no base URL is configured. */
  origin?: string | null;
}

/** The report as the desk sees it now (export menu, terminal command). */
export async function loadReport(
  actor: Actor | SystemActor | null,
  articleIdOrSlug: string,
  variant: ReportVariant,
  options: ReportOptions = {},
): Promise<ReportData> {
  // The terminal command acts as the system: nobody to authorize.
  if (!isSystemActor(actor)) {
    await authorize(actor, variant === "internal" ? "report:read-internal" : "article:read", {
      type: "article",
      id: articleIdOrSlug,
    });
  }
  const { data, latest } = await assembleWithLatest(await getDb(), articleIdOrSlug, variant, options.origin);
  // Verdicts changed since the live publication are corrections-to-be; show them in exports too.
  if (latest?.live) data.corrections = [...data.corrections, ...newCorrections(latest.snapshot, data, data.generatedAt)];
  return data;
}
