import { parseIPv6 } from "../net/address-policy";

/**
 * The pure part of the rate limits (lib/security/rate-limits.ts counts in the database): which
 * buckets a request counts against, the fixed windows, and the decision from the counts.
 *
 * Semantics: a request counts against every bucket it belongs to (its API token, its user, its
 * client address) and is refused when any of them is over its limit: the tightest wins. Refused
 * requests count too, so a client that ignores 429 stays refused until the window ends (which is
 * what `Retry-After` says), and a runaway token also spends its user's allowance.
 */
export type BucketKind = "token" | "user" | "ip" | "login";

export interface Bucket {
  kind: BucketKind;
  /** `token:<id>`, `user:<id>`, `ip:<address>`, `login:<address>`: the counter's primary key. */
  key: string;
  limit: number;
}

export interface RateLimitSettings {
  windowSeconds: number;
  perToken: number;
  perUser: number;
  perIp: number;
  loginPerIp: number;
}

/** One bucket's count in its window, as the database answered it. */
export interface BucketCount {
  key: string;
  hits: number;
  windowStart: Date;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** The bucket that binds: a refusing one, else the one with the fewest requests left. */
  kind: BucketKind;
  limit: number;
  remaining: number;
  /** Whole seconds (≥ 1) until that bucket's window ends: `Retry-After` and `RateLimit-Reset`. */
  resetSeconds: number;
}

/**
 * A fixed order of the buckets (token, user, address): every request locks its counters in this
 * order, so two requests sharing some buckets never wait on each other in a cycle.
 */
const KIND_ORDER: Record<BucketKind, number> = { token: 0, user: 1, ip: 2, login: 3 };

/**
 * The part of a client address that identifies one client: the whole IPv4 address, the /64 of an
 * IPv6 one (one subscriber's network, in which an address is changed at will).
 */
export function addressBucketOf(address: string): string {
  const groups = address.includes(":") ? parseIPv6(address) : null;
  if (!groups) return address;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

/** The buckets of a JSON API request: its token, its user, its client address (each when known). */
export function apiBuckets(
  settings: RateLimitSettings,
  who: { userId?: string | null; tokenId?: string | null; ip?: string | null },
): Bucket[] {
  const buckets: Bucket[] = [];
  if (who.tokenId) buckets.push({ kind: "token", key: `token:${who.tokenId}`, limit: settings.perToken });
  if (who.userId) buckets.push({ kind: "user", key: `user:${who.userId}`, limit: settings.perUser });
  if (who.ip) buckets.push({ kind: "ip", key: `ip:${addressBucketOf(who.ip)}`, limit: settings.perIp });
  return buckets.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

/** The bucket of a login attempt: its client address, over all accounts (none when unknown). */
export function loginBuckets(settings: RateLimitSettings, ip: string | null | undefined): Bucket[] {
  return ip ? [{ kind: "login", key: `login:${addressBucketOf(ip)}`, limit: settings.loginPerIp }] : [];
}

/** Start of the fixed window `now` falls in (windows are aligned to the epoch, so every instance agrees). */
export function windowStartOf(now: number, windowSeconds: number): Date {
  const ms = windowSeconds * 1000;
  return new Date(Math.floor(now / ms) * ms);
}

/** Allowed or not, and what the headers tell the client, from each bucket's count. */
export function decide(
  buckets: readonly Bucket[],
  counts: readonly BucketCount[],
  now: number,
  windowSeconds: number,
): RateLimitDecision {
  const byKey = new Map(counts.map((c) => [c.key, c]));
  let binding: RateLimitDecision | undefined;
  for (const bucket of buckets) {
    const count = byKey.get(bucket.key);
    if (!count) throw new Error(`rate limit: no count for ${bucket.key}`);
    const resetSeconds = Math.max(1, Math.ceil((count.windowStart.getTime() + windowSeconds * 1000 - now) / 1000));
    const candidate: RateLimitDecision = {
      allowed: count.hits <= bucket.limit,
      kind: bucket.kind,
      limit: bucket.limit,
      remaining: Math.max(0, bucket.limit - count.hits),
      resetSeconds,
    };
    binding = !binding ? candidate : tighter(binding, candidate);
  }
  if (!binding) throw new Error("rate limit: no buckets");
  return binding;
}

/** A refusal over an allowance; between refusals the later reset; else the fewest left. */
function tighter(a: RateLimitDecision, b: RateLimitDecision): RateLimitDecision {
  if (a.allowed !== b.allowed) return a.allowed ? b : a;
  if (!a.allowed) return b.resetSeconds > a.resetSeconds ? b : a;
  return b.remaining < a.remaining ? b : a;
}
