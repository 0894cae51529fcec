"use client";

import { type RefObject, useEffect, useState } from "react";

export interface OverlayBox {
  top: number;
  left: number;
  height: number;
}

/** Width kept free for the floating button at the column's right edge. */
const ADDER_WIDTH = 130;

/**
 * Where to draw, relative to `column`, the two things the article text needs on top of a
 * non-editable text: the floating "Mark claim" button under the end of a selection (an annotation
 * tool's "adder": no trip to the top of a long article), and a caret where a collapsed selection is
 * while the text has keyboard focus (the browser draws none outside editable content).
 */
export function useSelectionOverlay(
  root: RefObject<HTMLElement | null>,
  column: RefObject<HTMLElement | null>,
): { adder: OverlayBox | null; caret: OverlayBox | null } {
  const [adder, setAdder] = useState<OverlayBox | null>(null);
  const [caret, setCaret] = useState<OverlayBox | null>(null);

  useEffect(() => {
    const update = () => {
      const sel = window.getSelection();
      const el = root.current;
      const col = column.current;
      if (!sel || sel.rangeCount === 0 || !el || !col || !el.contains(sel.focusNode)) {
        setAdder(null);
        setCaret(null);
        return;
      }
      const base = col.getBoundingClientRect();
      const range = sel.getRangeAt(0);
      if (sel.isCollapsed) {
        setAdder(null);
        const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
        const focused = document.activeElement === el;
        setCaret(focused && r.height > 0 ? { top: r.top - base.top, left: r.left - base.left, height: r.height } : null);
        return;
      }
      setCaret(null);
      const rects = range.getClientRects();
      const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
      const left = Math.max(0, Math.min(last.right - base.left - ADDER_WIDTH / 2, base.width - ADDER_WIDTH));
      setAdder({ top: last.bottom - base.top + 6, left, height: last.height });
    };
    document.addEventListener("selectionchange", update);
    window.addEventListener("resize", update);
    const el = root.current;
    el?.addEventListener("focus", update);
    el?.addEventListener("blur", update);
    return () => {
      document.removeEventListener("selectionchange", update);
      window.removeEventListener("resize", update);
      el?.removeEventListener("focus", update);
      el?.removeEventListener("blur", update);
    };
  }, [root, column]);

  return { adder, caret };
}
