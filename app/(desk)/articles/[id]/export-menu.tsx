"use client";

import { useCallback, useEffect, useRef, type KeyboardEvent } from "react";

const FORMATS = [
  ["md", "Markdown"],
  ["html", "HTML"],
  ["pdf", "PDF"],
  ["csv", "CSV"],
  ["json", "JSON"],
  ["jsonld", "ClaimReview JSON-LD"],
] as const;

/** Space kept between the menu and the window's edges. */
const MARGIN = 8;

/**
 * Places an open menu under its button and inside the window: aligned to the button's left edge
 * when there is room, shifted left as far as needed when not (a toolbar that wraps can put the
 * button anywhere, so a fixed `right: 0` opened past the left edge at 1280 px).
 */
export function placeInsideViewport(body: HTMLElement, viewportWidth: number): void {
  body.style.left = "0px";
  body.style.right = "auto";
  const rect = body.getBoundingClientRect();
  let shift = 0;
  if (rect.right > viewportWidth - MARGIN) shift = viewportWidth - MARGIN - rect.right;
  if (rect.left + shift < MARGIN) shift = MARGIN - rect.left;
  body.style.left = `${shift}px`;
}

/**
 * The Export menu: a disclosure (so that it works without script and is audited open), kept inside
 * the viewport, and usable from the keyboard: Enter/Space opens, arrows move between entries,
 * Escape closes and returns focus to the button, leaving it by Tab or a click outside closes it.
 */
export function ExportMenu({ articleId }: { articleId: string }) {
  const details = useRef<HTMLDetailsElement>(null);
  const body = useRef<HTMLDivElement>(null);

  const place = useCallback(() => {
    if (details.current?.open && body.current) placeInsideViewport(body.current, document.documentElement.clientWidth);
  }, []);

  const close = useCallback((focusButton: boolean) => {
    const d = details.current;
    if (!d?.open) return;
    d.open = false;
    if (focusButton) d.querySelector("summary")?.focus();
  }, []);

  useEffect(() => {
    const onPointerDown = (e: PointerEvent) => {
      if (details.current && !details.current.contains(e.target as Node)) close(false);
    };
    window.addEventListener("resize", place);
    document.addEventListener("pointerdown", onPointerDown);
    return () => {
      window.removeEventListener("resize", place);
      document.removeEventListener("pointerdown", onPointerDown);
    };
  }, [place, close]);

  const onKeyDown = (e: KeyboardEvent<HTMLDetailsElement>) => {
    const d = details.current;
    if (!d) return;
    if (e.key === "Escape" && d.open) {
      e.preventDefault();
      close(true);
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    if (!d.open) {
      d.open = true;
      place();
    }
    const links = [...d.querySelectorAll<HTMLAnchorElement>(".menu-body a")];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = e.key === "ArrowDown" ? (at + 1) % links.length : at <= 0 ? links.length - 1 : at - 1;
    links[next]?.focus();
  };

  return (
    <details
      className="menu"
      ref={details}
      onToggle={place}
      onKeyDown={onKeyDown}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null) && e.relatedTarget !== null) close(false);
      }}
      data-testid="export-menu"
    >
      <summary className="button secondary">Export</summary>
      <div className="menu-body" role="group" aria-label="Export the report" ref={body}>
        <p className="muted">Published report (approved claims only)</p>
        <ul>
          {FORMATS.map(([ext, label]) => (
            <li key={ext}>
              <a href={`/api/articles/${articleId}/report.${ext}`} download>
                {label}
              </a>
            </li>
          ))}
        </ul>
        <p className="muted">Internal (all claims, internal sources)</p>
        <ul>
          {FORMATS.filter(([ext]) => ext !== "jsonld").map(([ext, label]) => (
            <li key={ext}>
              <a href={`/api/articles/${articleId}/report.${ext}?variant=internal`} download aria-label={`${label} (internal)`}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
