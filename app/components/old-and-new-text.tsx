import type { CSSProperties } from "react";
import { diffWords, sidesOf } from "@/lib/text/word-diff";
import { DiffText } from "./text-diff";

/**
 * A claim's text as it was marked beside the text now at its place, the changed words highlighted
 * on each side ("2.3" struck on the left, "2.5" marked on the right). No hooks: server or client.
 */
export function OldAndNewText({
  marked,
  now,
  style,
  title,
}: {
  marked: string;
  now: string | null;
  style?: CSSProperties;
  title?: string;
}) {
  const { before, after } = sidesOf(diffWords(marked, now ?? ""));
  return (
    <div className="side-by-side" role="group" aria-label={title ?? "Old and new text"} style={style} data-testid="old-and-new">
      <div>
        <strong>Marked text</strong>
        <br />
        <DiffText parts={before} />
      </div>
      <div>
        <strong>Text now</strong>
        <br />
        {now === null ? <span className="muted">—</span> : <DiffText parts={after} />}
      </div>
    </div>
  );
}
