/**
 * The desk's keyboard shortcuts, once: the article text's handlers test keys against these lists
 * and the shortcuts sheet (`?`) prints them, so the sheet cannot list a key that does nothing.
 * Keys are `KeyboardEvent.key` values, lower-cased.
 */
export const ARTICLE_KEYS = {
  /** In the article text: mark the selection as a claim (or attach the claim being re-attached). */
  mark: ["m"],
  /** On a focused suggested clause. */
  acceptSuggestion: ["enter", "a"],
  dismissSuggestion: ["d", "delete"],
} as const;

/** Opens the shortcuts sheet anywhere on the desk, except while typing in a field. */
export const SHEET_KEY = "?";

export function isKey(list: readonly string[], key: string): boolean {
  return list.includes(key.toLowerCase());
}

/** How a key is printed on the sheet: "M", "Enter", "Delete". */
export function keyLabel(key: string): string {
  return key.length === 1 ? key.toUpperCase() : key[0]!.toUpperCase() + key.slice(1);
}

export interface ShortcutGroup {
  title: string;
  /** Each row: alternatives (any one works), each a combination pressed together. */
  rows: { keys: string[][]; what: string }[];
}

const alternatives = (keys: readonly string[]) => keys.map((k) => [keyLabel(k)]);

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    title: "Article text (press Tab until the text has focus)",
    rows: [
      { keys: [["←"], ["→"], ["↑"], ["↓"]], what: "Move the caret through the text" },
      {
        keys: [
          ["Ctrl", "←"],
          ["Ctrl", "→"],
        ],
        what: "Move word by word",
      },
      { keys: [["Shift", "← → ↑ ↓"]], what: "Select text" },
      {
        keys: [
          ["Ctrl", "Shift", "←"],
          ["Ctrl", "Shift", "→"],
        ],
        what: "Select word by word",
      },
      { keys: alternatives(ARTICLE_KEYS.mark), what: "Mark the selection as a claim (or attach the claim you are re-attaching)" },
    ],
  },
  {
    title: "A suggested claim (Tab to its highlight)",
    rows: [
      { keys: alternatives(ARTICLE_KEYS.acceptSuggestion), what: "Mark it as a claim" },
      { keys: alternatives(ARTICLE_KEYS.dismissSuggestion), what: "Dismiss it for this article" },
    ],
  },
  {
    title: "Export menu",
    rows: [
      { keys: [["Enter"]], what: "Open it" },
      { keys: [["↓"], ["↑"]], what: "Move between the formats" },
      { keys: [["Escape"]], what: "Close it" },
    ],
  },
  {
    title: "Everywhere on the desk",
    rows: [
      { keys: [[SHEET_KEY]], what: "Show these shortcuts (not while typing in a field)" },
      { keys: [["Escape"]], what: "Close them" },
    ],
  },
];
