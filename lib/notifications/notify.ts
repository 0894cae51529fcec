import "server-only";
import type { Tx } from "@/lib/database";
import { notifications } from "@/db/schema";
import type { NotificationKind } from "@/domain/vocabulary";

export interface NotificationEntry {
  recipientId: string;
  kind: NotificationKind;
  claimId: string;
  commentId?: string | null;
  detail?: string | null;
}

const DETAIL_MAX = 300;

/** A short excerpt: whole code points, whitespace folded, an ellipsis when cut. */
export function excerpt(text: string | null | undefined, max = DETAIL_MAX): string | null {
  if (!text) return null;
  const folded = text.replace(/\s+/gu, " ").trim();
  if (!folded) return null;
  const chars = Array.from(folded);
  if (chars.length <= max) return folded;
  const cut = chars.slice(0, max - 1).join("");
  // Cut inside a word: drop its start, unless that leaves too little.
  const atWord = /\s/u.test(chars[max - 1]!) ? cut : cut.replace(/\s+\S*$/u, "");
  return `${atWord.length > max / 2 ? atWord : cut}…`;
}

/**
 * Writes notifications inside the transaction of the change they report (the caller's `tx`), so
 * they commit or roll back with it. Nobody is told about their own action: entries addressed to
 * the actor are dropped here, whoever called. The same person is told once per kind and claim.
 */
export async function notify(tx: Tx, actorId: string | null, entries: readonly NotificationEntry[]): Promise<number> {
  const seen = new Set<string>();
  const rows: (typeof notifications.$inferInsert)[] = [];
  for (const entry of entries) {
    if (entry.recipientId === actorId) continue;
    const key = `${entry.recipientId}/${entry.kind}/${entry.claimId}/${entry.commentId ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({
      recipientId: entry.recipientId,
      actorId,
      kind: entry.kind,
      claimId: entry.claimId,
      commentId: entry.commentId ?? null,
      detail: excerpt(entry.detail),
    });
  }
  for (let i = 0; i < rows.length; i += 500) await tx.insert(notifications).values(rows.slice(i, i + 500));
  return rows.length;
}
