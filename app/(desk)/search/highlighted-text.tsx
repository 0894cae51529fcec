import type { Segment } from "@/lib/search/highlight";

/** Search matches as <mark> elements: each segment is a text node, so no markup gets through. */
export function HighlightedText({ segments }: { segments: Segment[] }) {
  return <>{segments.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</>;
}
