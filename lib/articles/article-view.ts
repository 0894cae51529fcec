import type { ArticleRow } from "@/db/schema";
import { CLAIM_STATUSES, type ClaimStatus, VERDICTS, type Verdict } from "@/domain/vocabulary";

export type { ClaimStatus };

export interface ArticleProgress {
  total: number;
  byVerdict: Record<Verdict, number>;
  byStatus: Record<ClaimStatus, number>;
}

export interface ArticleSummary {
  id: string;
  title: string;
  slug: string;
  url: string | null;
  publisher: string | null;
  author: string | null;
  publishedAt: string | null;
  revision: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  progress: ArticleProgress;
}

export function emptyProgress(): ArticleProgress {
  return {
    total: 0,
    byVerdict: Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>,
    byStatus: Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0])) as Record<ClaimStatus, number>,
  };
}

export function toArticleSummary(row: ArticleRow, revision: number, progress = emptyProgress()): ArticleSummary {
  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    url: row.url,
    publisher: row.publisher,
    author: row.author,
    publishedAt: row.publishedAt,
    revision,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    progress,
  };
}
