/**
 * `@name` in a comment (docs/notifications.md). Pure: which words of a comment are mentions, and
 * which names a user answers to. lib/notifications/resolve-mentions.ts looks the users up.
 *
 * A mention is `@` followed by letters, digits, `.`, `_` or `-`, not preceded by a letter or digit
 * (so an e-mail address in the text is not one). It names a user when, case-insensitively, it is
 * their e-mail address's local part (`@editor2`), the first word of their name (`@Ben`), or their
 * whole name without spaces, dots, dashes or underscores (`@BenEditor`, `@ben.editor`). A mention
 * that names no active user, or more than one, notifies nobody and is not an error.
 */

/** At most this many distinct mentions per comment are looked up; the rest are plain text. */
export const MAX_MENTIONS = 20;

const MENTION = /(?<![\p{L}\p{N}_.@+-])@([\p{L}\p{N}][\p{L}\p{N}._-]{0,99})/gu;

/** What a mention or a name is compared as: lower case, NFC, without separators. */
function squash(value: string): string {
  return value
    .normalize("NFC")
    .toLocaleLowerCase("en")
    .replace(/[\s._-]+/gu, "");
}

/** The distinct mentions of a comment, as compared (lower case), in order of first appearance. */
export function mentionTokens(body: string): string[] {
  const seen = new Set<string>();
  for (const match of body.matchAll(MENTION)) {
    // "@Ben." at the end of a sentence mentions Ben.
    const token = squash(match[1]!.replace(/[._-]+$/u, ""));
    if (token) seen.add(token);
    if (seen.size >= MAX_MENTIONS) break;
  }
  return [...seen];
}

/** Every mention that names this user. */
export function mentionKeys(user: { name: string; email: string }): string[] {
  const keys = new Set<string>();
  const local = user.email.split("@")[0] ?? "";
  if (squash(local)) keys.add(squash(local));
  const name = user.name.trim();
  const first = name.split(/\s+/u)[0] ?? "";
  if (squash(first)) keys.add(squash(first));
  if (squash(name)) keys.add(squash(name));
  return [...keys];
}

/**
 * The users a comment mentions: each mention that names exactly one of `candidates` picks them;
 * one that names several (two people called Ben) or none picks nobody.
 */
export function resolveMentionTokens<U extends { id: string; name: string; email: string }>(
  tokens: readonly string[],
  candidates: readonly U[],
): U[] {
  const byKey = new Map<string, Map<string, U>>();
  for (const user of candidates) {
    for (const key of mentionKeys(user)) {
      const users = byKey.get(key) ?? new Map<string, U>();
      users.set(user.id, user);
      byKey.set(key, users);
    }
  }
  const picked = new Map<string, U>();
  for (const token of tokens) {
    const users = byKey.get(token);
    if (users?.size === 1) {
      const [user] = users.values();
      picked.set(user!.id, user!);
    }
  }
  return [...picked.values()];
}
