/**
 * A `Cookie` header's pairs exactly as Next.js's `cookies()` reads them (parseCookie of
 * @edge-runtime/cookies): split at ";" and spaces, name and value at the first "=", the value
 * percent-decoded; a pair whose value does not decode is left out, a name seen twice keeps its
 * last value, a pair without "=" reads "true".
 */
export function parseCookieHeader(header: string | null): Map<string, string> {
  const jar = new Map<string, string>();
  if (!header) return jar;
  for (const pair of header.split(/; */)) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    if (eq === -1) {
      jar.set(pair, "true");
      continue;
    }
    try {
      jar.set(pair.slice(0, eq), decodeURIComponent(pair.slice(eq + 1)));
    } catch {
      // left out, as Next.js does
    }
  }
  return jar;
}
