"use client";

import { useEffect, useRef } from "react";
import { SHEET_KEY, SHORTCUT_GROUPS } from "./keyboard-shortcuts";

/** Typing a "?" into a field is typing, not a request for help. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/**
 * The keyboard shortcuts sheet: `?` opens it on every desk page, Escape closes it. A modal
 * <dialog>, so focus stays in it while it is open and returns where it was when it closes.
 */
export function ShortcutsSheet() {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== SHEET_KEY || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isTyping(e.target)) return;
      const d = dialog.current;
      if (!d || d.open) return;
      e.preventDefault();
      d.showModal();
    };
    document.addEventListener("keydown", onKeyDown);
    // Marks the page as listening for `?` (browser tests wait for it after a navigation).
    dialog.current?.setAttribute("data-listening", "");
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <dialog ref={dialog} className="shortcuts-sheet" aria-labelledby="shortcuts-title" data-testid="shortcuts-sheet">
      <div className="toolbar">
        <h2 id="shortcuts-title" style={{ margin: 0, marginRight: "auto" }}>
          Keyboard shortcuts
        </h2>
        <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      {SHORTCUT_GROUPS.map((group) => (
        <section key={group.title}>
          <h3>{group.title}</h3>
          <dl>
            {group.rows.map((row) => (
              <div key={row.what} className="shortcut-row">
                <dt>
                  {row.keys.map((combo, i) => (
                    <span key={i}>
                      {i > 0 && <span className="muted"> or </span>}
                      {combo.map((k, j) => (
                        <span key={j}>
                          {j > 0 && " + "}
                          <kbd>{k}</kbd>
                        </span>
                      ))}
                    </span>
                  ))}
                </dt>
                <dd>{row.what}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </dialog>
  );
}
