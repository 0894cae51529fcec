import type { CSSProperties } from "react";

/** A claim's text as it was marked beside the text now at its place. No hooks: server or client. */
export function OldAndNewText({ marked, now, style }: { marked: string; now: string | null; style?: CSSProperties }) {
  return (
    <div className="side-by-side" role="group" aria-label="Old and new text" style={style}>
      <div>
        <strong>Marked text</strong>
        <br />
        {marked}
      </div>
      <div>
        <strong>Text now</strong>
        <br />
        {now}
      </div>
    </div>
  );
}
