"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from "react";
import { createClaimAction, reattachClaimAction } from "@/app/actions/claims";
import { dismissSuggestionAction } from "@/app/actions/suggestions";
import type { Suggestion } from "@/lib/suggestions/suggest-claims";
import { cpLength } from "@/lib/text/code-points";
import { type TextParagraph, splitParagraphTexts } from "@/lib/text/paragraphs";
import { useClaimSwitch } from "./claim-switch";
import { type DeskClaim, highlightHtml, type PackedClaims, unpackDeskClaims } from "./desk-claims";
import { ARTICLE_KEYS, isKey } from "@/app/components/keyboard-shortcuts";
import { quoted } from "@/app/components/quoted-text";
import { useSelectionOverlay } from "./selection-overlay";
import { useServerAction } from "@/app/components/use-server-action";

/** A suggestion as the server computed it (code-point offsets). */
export type DeskSuggestion = Suggestion;

export interface Reattachable {
  id: string;
  version: number;
  exact: string;
}

interface Segment {
  start: number;
  end: number;
  claims: DeskClaim[];
  suggestion: DeskSuggestion | null;
}

/**
 * The spans of `xs` that overlap each paragraph, by paragraph index: each span is placed by a binary
 * search rather than every paragraph looking through every span (500 claims × 125 paragraphs).
 */
function byParagraph<T extends { start: number; end: number }>(paragraphs: TextParagraph[], xs: readonly T[]): T[][] {
  const out = paragraphs.map((): T[] => []);
  for (const x of xs) {
    // The first paragraph that ends after x starts.
    let lo = 0;
    let hi = paragraphs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const p = paragraphs[mid]!;
      if (p.start + p.length <= x.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < paragraphs.length && paragraphs[i]!.start < x.end; i++) out[i]!.push(x);
  }
  return out;
}

/** A paragraph cut where its claims and suggestions (those that overlap it) begin and end. */
function segmentsOf(p: TextParagraph, cs: DeskClaim[], ss: DeskSuggestion[]): Segment[] {
  const pEnd = p.start + p.length;
  const cuts = new Set<number>([p.start, pEnd]);
  for (const x of [...cs, ...ss]) {
    cuts.add(Math.max(p.start, x.start));
    cuts.add(Math.min(pEnd, x.end));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const segs: Segment[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i]!;
    const end = sorted[i + 1]!;
    segs.push({
      start,
      end,
      claims: cs.filter((c) => c.start <= start && c.end >= end),
      suggestion: ss.find((s) => s.start <= start && s.end >= end) ?? null,
    });
  }
  return segs;
}

/** The claim with the shortest span; the first of them on a tie. */
function narrowest(claims: readonly DeskClaim[]): DeskClaim | undefined {
  let best: DeskClaim | undefined;
  for (const c of claims) if (!best || c.end - c.start < best.end - best.start) best = c;
  return best;
}

/**
 * Maps a DOM selection point inside the article to a code-point offset of the canonical text.
 * Offsets are Unicode code points (docs/anchoring.md); the DOM counts UTF-16 units.
 */
function pointToCp(root: HTMLElement, node: Node, offset: number): number | null {
  if (!root.contains(node)) return null;
  const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  if (!el) return null;
  const tag = el.closest<HTMLElement>("[data-at]");
  if (tag) return Number(tag.dataset.at);
  if (node.nodeType === Node.TEXT_NODE) {
    const span = el.closest<HTMLElement>("[data-s]");
    // A point between the halves of a surrogate pair counts the pair (cpLength of the prefix).
    return span ? Number(span.dataset.s) + cpLength((node.textContent ?? "").slice(0, offset)) : null;
  }
  const child = el.childNodes[offset];
  // Before a text node (a span's own text, offset 0): where that text starts, not where the span ends.
  if (child?.nodeType === Node.TEXT_NODE) return pointToCp(root, child, 0);
  if (child) {
    const first = child instanceof Element ? (child.matches("[data-s]") ? child : child.querySelector("[data-s]")) : null;
    if (first instanceof HTMLElement) return Number(first.dataset.s);
  }
  const spans = el.querySelectorAll<HTMLElement>("[data-s]");
  const last = spans[spans.length - 1];
  if (last) return Number(last.dataset.s) + cpLength(last.textContent ?? "");
  const para = el.closest<HTMLElement>("[data-p]");
  return para ? Number(para.dataset.p) : null;
}

export function ArticleText({
  articleId,
  body,
  claims: packedClaims,
  suggestions,
  selectedClaimId,
  canWrite,
  reattach,
}: {
  articleId: string;
  body: string;
  /** What the text shows of each claim, packed (desk-claims.ts): the list beside it reads the same string. */
  claims: PackedClaims;
  suggestions: DeskSuggestion[];
  selectedClaimId: string | null;
  canWrite: boolean;
  /** When set, the selection re-attaches this claim instead of creating a new one. */
  reattach: Reattachable | null;
}) {
  const router = useRouter();
  const claimSwitch = useClaimSwitch();
  const root = useRef<HTMLDivElement>(null);
  const column = useRef<HTMLDivElement>(null);
  const overlay = useSelectionOverlay(root, column);
  const [selection, setSelection] = useState<{ start: number; end: number } | null>(null);
  const { pending: busy, firstError: error, run } = useServerAction();
  // Said to screen readers after a claim is marked: the panel appears elsewhere on the page.
  const [announcement, setAnnouncement] = useState("");
  const paragraphs = useMemo(() => splitParagraphTexts(body), [body]);
  const claimsIn = useMemo(() => byParagraph(paragraphs, unpackDeskClaims(packedClaims)), [paragraphs, packedClaims]);
  const suggestionsIn = useMemo(() => byParagraph(paragraphs, suggestions), [paragraphs, suggestions]);

  const readSelection = useCallback(() => {
    const sel = window.getSelection();
    const el = root.current;
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed || !el) return null;
    const range = sel.getRangeAt(0);
    const a = pointToCp(el, range.startContainer, range.startOffset);
    const b = pointToCp(el, range.endContainer, range.endOffset);
    if (a === null || b === null || a === b) return null;
    return { start: Math.min(a, b), end: Math.max(a, b) };
  }, []);

  useEffect(() => {
    const onChange = () => setSelection(readSelection());
    document.addEventListener("selectionchange", onChange);
    return () => document.removeEventListener("selectionchange", onChange);
  }, [readSelection]);

  const mark = useCallback(
    async (range: { start: number; end: number } | null) => {
      if (!range || busy) return;
      setAnnouncement("");
      // The open panel belongs to another claim from now on: no typing into it (bug: it went to the old claim).
      if (!reattach) claimSwitch.begin();
      const result = await run(() =>
        reattach
          ? reattachClaimAction(reattach.id, { version: reattach.version, ...range })
          : // The server gives a selection inside a suggested clause the suggestion's claimant and statement.
            createClaimAction(articleId, range),
      );
      if (!result.ok) {
        claimSwitch.cancel();
        return;
      }
      window.getSelection()?.removeAllRanges();
      if (result.data)
        setAnnouncement(
          `${reattach ? "Attached the claim to" : "Marked"} ${quoted(result.data.exact)}${reattach ? "" : " as a claim"}. Its details are in the claim panel.`,
        );
      const id = result.data?.id;
      if (id && !reattach) claimSwitch.begin(id);
      router.push(`/articles/${articleId}${id ? `?claim=${id}` : ""}`, { scroll: false });
      router.refresh();
    },
    [articleId, busy, reattach, router, claimSwitch, run],
  );

  const accept = (s: DeskSuggestion) => void mark({ start: s.start, end: s.end });
  const dismiss = async (s: DeskSuggestion) => {
    if (busy) return;
    const result = await run(() => dismissSuggestionAction(articleId, { start: s.start, end: s.end }));
    if (!result.ok) return;
    setAnnouncement(`Dismissed the suggestion ${quoted(s.exact)}.`);
    root.current?.focus();
    router.refresh();
  };
  // One key on a focused suggestion: Enter or A accepts it, D or Delete dismisses it.
  const onSuggestionKey = (e: KeyboardEvent<HTMLElement>, s: DeskSuggestion) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (isKey(ARTICLE_KEYS.acceptSuggestion, e.key)) {
      e.preventDefault();
      e.stopPropagation();
      accept(s);
    } else if (isKey(ARTICLE_KEYS.dismissSuggestion, e.key)) {
      e.preventDefault();
      e.stopPropagation();
      void dismiss(s);
    }
  };

  // A press on a suggested clause must focus the text, not the clause (a button for the keyboard).
  // Chromium extends a mouse drag only while the focused element contains where the drag began, and
  // a drag begun at the clause's first letter begins just before the clause: with focus on the
  // clause the drag selected nothing, and the release then accepted the whole clause. So the
  // clause is not focusable for the length of the press (moving focus from a focus handler
  // instead would cancel the selection the press starts).
  const onPointerDownCapture = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || !(e.target instanceof Element)) return;
    const clause = e.target.closest<HTMLElement>("[data-suggestion-start][tabindex]");
    if (!clause) return;
    clause.removeAttribute("tabindex");
    const restore = () => {
      clause.tabIndex = 0;
      window.removeEventListener("pointerup", restore, true);
      window.removeEventListener("pointercancel", restore, true);
    };
    window.addEventListener("pointerup", restore, true);
    window.addEventListener("pointercancel", restore, true);
  };

  // Keyboard selection without a mouse: the text is not editable, so there is no native caret;
  // Selection.modify moves or extends a selection in any content.
  const ensureCaret = () => {
    const sel = window.getSelection();
    const el = root.current;
    if (!sel || !el) return;
    if (sel.rangeCount > 0 && el.contains(sel.anchorNode)) return;
    const first = el.querySelector("[data-s]")?.firstChild;
    if (first) sel.collapse(first, 0);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const arrows: Record<string, ["forward" | "backward", "character" | "line"]> = {
      ArrowRight: ["forward", "character"],
      ArrowLeft: ["backward", "character"],
      ArrowDown: ["forward", "line"],
      ArrowUp: ["backward", "line"],
    };
    const arrow = arrows[e.key];
    if (arrow && !e.metaKey && !e.altKey) {
      const sel = window.getSelection() as (Selection & { modify?: (a: string, d: string, g: string) => void }) | null;
      if (sel?.modify) {
        e.preventDefault();
        ensureCaret();
        sel.modify(e.shiftKey ? "extend" : "move", arrow[0], e.ctrlKey && arrow[1] === "character" ? "word" : arrow[1]);
      }
      return;
    }
    if (!canWrite || e.ctrlKey || e.metaKey || e.altKey) return;
    if (isKey(ARTICLE_KEYS.mark, e.key)) {
      e.preventDefault();
      void mark(readSelection());
    }
  };

  const renderParagraph = (p: TextParagraph, i: number): ReactNode => {
    const segs = segmentsOf(p, claimsIn[i]!, suggestionsIn[i]!);
    const text = (s: Segment) => p.slice(s.start - p.start, s.end - p.start);
    const plain = (s: Segment) => (
      <span data-s={s.start} key={`t${s.start}`}>
        {text(s)}
      </span>
    );
    return segs.map((s) => {
      // Where claims nest or overlap, the piece of text belongs to the narrowest claim over it: a
      // claim marked inside another opens (and is coloured as) itself, the rest of the wider one
      // opens the wider one.
      const claim = narrowest(s.claims);
      if (claim) {
        // The text and the verdict cues inside are one string (desk-claims.ts); the mark stays React's.
        const ending = s.claims.filter((c) => c.end === s.end).map((c) => c.verdict);
        return (
          <mark
            key={`c${s.start}`}
            className={`claim v-${claim.verdict}${s.claims.some((c) => c.id === selectedClaimId) ? " selected" : ""}`}
            data-claim-id={claim.id}
            onClick={() => claimSwitch.open(`/articles/${articleId}?claim=${claim.id}`, claim.id)}
            dangerouslySetInnerHTML={{ __html: highlightHtml(text(s), s.start, s.end, ending) }}
          />
        );
      }
      if (s.suggestion) {
        const suggestion = s.suggestion;
        const who = suggestion.claimant ? ` · ${suggestion.claimant}` : "";
        return canWrite ? (
          <mark
            key={`s${s.start}`}
            className="suggestion"
            role="button"
            tabIndex={0}
            aria-describedby="suggestion-help"
            data-suggestion-start={suggestion.start}
            title={`Suggested claim${who}: ${suggestion.reasons.join("; ")}. Click or press A to mark it, D to dismiss.`}
            // A click accepts; a drag inside the clause selects text to mark by hand instead.
            onClick={() => {
              if (window.getSelection()?.isCollapsed !== false) accept(suggestion);
            }}
            onKeyDown={(e) => onSuggestionKey(e, suggestion)}
          >
            {plain(s)}
          </mark>
        ) : (
          <span key={`s${s.start}`} className="suggestion">
            {plain(s)}
          </span>
        );
      }
      return plain(s);
    });
  };

  return (
    <div className="article-column" ref={column}>
      {canWrite && (
        <div className="toolbar" role="toolbar" aria-label="Marking">
          <button type="button" onClick={() => void mark(selection)} disabled={!selection || busy}>
            {reattach ? "Attach claim to selection" : "Mark selection as claim"}
          </button>
          <span className="muted" id="marking-help">
            {reattach
              ? `Select the text that now carries: ${quoted(`${reattach.exact.slice(0, 60)}${reattach.exact.length > 60 ? "…" : ""}`)}.`
              : "Select text with the mouse, or focus the text and use Shift+arrows; then press M or the button. ? lists every shortcut."}
          </span>
        </div>
      )}
      <p role="status" className="sr-only">
        {announcement}
      </p>
      <p id="suggestion-help" className="sr-only">
        Suggested claim: Enter or A marks it as a claim, D dismisses it.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div
        ref={root}
        className="article-text"
        // Focusable so that a keyboard can select text in it; a region, so that it has a name.
        role="region"
        aria-label="Article text"
        tabIndex={0}
        onKeyDown={onKeyDown}
        onPointerDownCapture={onPointerDownCapture}
        aria-describedby={canWrite ? "marking-help" : undefined}
        data-testid="article-text"
      >
        {paragraphs.map((p, i) => (
          <p key={p.start} data-p={p.start}>
            {renderParagraph(p, i)}
          </p>
        ))}
      </div>
      {overlay.caret && (
        <span
          className="text-caret"
          aria-hidden="true"
          style={{ top: overlay.caret.top, left: overlay.caret.left, height: overlay.caret.height }}
        />
      )}
      {canWrite && overlay.adder && selection && (
        <button
          type="button"
          className="mark-adder"
          style={{ top: overlay.adder.top, left: overlay.adder.left }}
          // Keep the selection: the click must not collapse it before it is read.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => void mark(selection)}
          disabled={busy}
          data-testid="mark-adder"
        >
          {reattach ? "Attach here" : "Mark claim"}
        </button>
      )}
    </div>
  );
}
