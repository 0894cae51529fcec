import "server-only";
import { type Suggestion, suggestClaims } from "../suggestions/suggest-claims";

/**
 * The suggestions of one article revision, computed once for the page that lists them and the
 * claim that is then marked inside one (createClaim recomputes them rather than trusting the
 * page). A revision's body never changes, so its id and the article's title (which decides the
 * headline) are the whole key. Small: the last few revisions, and only bodies short enough that
 * keeping their suggestions costs little memory; longer ones are computed every time.
 */
const MAX_ENTRIES = 16;
const MAX_BODY = 200_000;
const cache = new Map<string, readonly Suggestion[]>();

/** Read-only: the same array is handed to every caller. */
export function revisionSuggestions(revisionId: string, body: string, title: string): readonly Suggestion[] {
  if (body.length > MAX_BODY) return suggestClaims(body, { title });
  const key = `${revisionId}\u0000${title}`;
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last, so that the oldest entry is the one evicted.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const suggestions = Object.freeze(suggestClaims(body, { title }).map((s) => Object.freeze(s)));
  cache.set(key, suggestions);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return suggestions;
}
