import Link from "next/link";
import type { SourceHealth } from "@/lib/sources/source-health";

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "");

/**
 * What the link checker found about a source, next to it on the claim panel and the review page:
 * a reviewer sees "link broken" or "content changed since you cited it" before approving.
 */
export function SourceHealthNote({ sourceId, health }: { sourceId: string; health: SourceHealth | undefined }) {
  if (!health) return null;
  const copy = (
    <>
      {" "}
      <Link href={`/sources/${sourceId}`}>saved copy and checks</Link>
    </>
  );
  switch (health.state) {
    case "unchecked":
      return (
        <span className="muted" data-testid="source-health" data-state="unchecked">
          {" "}
          · link not checked yet
        </span>
      );
    case "ok":
      return (
        <span className="muted" data-testid="source-health" data-state="ok">
          {" "}
          · link checked {day(health.checkedAt)} ·{copy}
        </span>
      );
    case "broken":
      return (
        <strong className="field-error" data-testid="source-health" data-state="broken">
          {" "}
          · Link broken ({health.reason}, checked {day(health.checkedAt)}) ·{copy}
        </strong>
      );
    case "changed":
      return (
        <strong className="field-error" data-testid="source-health" data-state="changed">
          {" "}
          · Content changed since you cited it (checked {day(health.checkedAt)}) ·{copy}
        </strong>
      );
    default: {
      const never: never = health.state;
      return never;
    }
  }
}
