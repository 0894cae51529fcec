import type { DiffPart } from "@/lib/text/word-diff";

/**
 * Diff parts as text with the changes marked: deletions struck through, insertions underlined (colour
 * is not the only cue; <del>/<ins> are the deletion/insertion roles to assistive technology).
 * No hooks: server or client.
 */
export function DiffText({ parts }: { parts: DiffPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.op === "equal" ? (
          <span key={i}>{p.text}</span>
        ) : p.op === "insert" ? (
          <ins key={i} className="diff-ins">
            {p.text}
          </ins>
        ) : (
          <del key={i} className="diff-del">
            {p.text}
          </del>
        ),
      )}
    </>
  );
}
