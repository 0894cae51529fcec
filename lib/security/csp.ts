/**
 * Content Security Policies (docs/security.md §Input and output). Edge-safe: used by proxy.ts.
 *
 * App pages get a fresh nonce per request and `'strict-dynamic'`: Next.js puts the nonce on its
 * own scripts, and an injected inline script (no nonce) is refused even if escaping ever failed.
 */
export function pageCsp(nonce: string, isDev: boolean, formTargets: readonly string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    ["form-action 'self'", ...formTargets].join(" "),
    "frame-ancestors 'none'",
  ].join("; ");
}

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The single sign-on provider's origin, which the login form's POST may be redirected to (the
 * "Sign in with …" button before the page's script has loaded): a form-action source. Null without
 * SSO, and for a value that is not a URL (lib/env.ts refuses those at start).
 */
export function ssoFormTarget(issuer: string | undefined): string | null {
  if (!issuer) return null;
  try {
    const url = new URL(issuer);
    return url.protocol === "https:" || url.protocol === "http:" ? url.origin : null;
  } catch {
    return null;
  }
}
