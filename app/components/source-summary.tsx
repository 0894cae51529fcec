import type { ReactNode } from "react";
import type { SourceView } from "@/lib/claims/claim-view";
import { SourceHealthNote } from "./source-health-note";

/**
 * One source of a claim as an item of a `ul.sources` list: its link (opened in a new tab, without
 * the opener or the referrer), publisher, kind, accessed date, internal flag and quoted passage.
 * `children` (e.g. edit controls) follow the quote. No hooks: renders on the server and in client
 * components alike.
 */
export function SourceSummary({ source: s, children }: { source: SourceView; children?: ReactNode }) {
  return (
    <li data-testid="source">
      <a href={s.url} target="_blank" rel="noopener noreferrer">
        {s.title}
      </a>
      {s.publisher && <span className="muted"> · {s.publisher}</span>}
      <span className="muted"> · {s.kind}</span>
      {s.accessedAt && <span className="muted"> · accessed {s.accessedAt}</span>}
      {s.internal && <strong className="field-error"> · internal only (never published)</strong>}
      <SourceHealthNote sourceId={s.id} health={s.health} />
      {s.quote && <blockquote>{s.quote}</blockquote>}
      {children}
    </li>
  );
}
