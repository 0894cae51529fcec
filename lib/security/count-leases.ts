import type { Bucket } from "./rate-limit-rules";

/**
 * Counts an app instance reserved ahead in a bucket's window (lib/security/rate-limits.ts).
 *
 * Each request of a bucket is given a number in its window: the database's counter hands them out,
 * so two requests never get the same number, on any instance, and the request numbered above the
 * limit is refused. A bucket that keeps an instance busy (a CMS polling, a reviewer's client) would
 * write its counter row on every request: from ten pool connections at once, those writes wait for
 * each other's row lock and cost PostgreSQL more than the request's own read (bench/README.md,
 * "Counts reserved ahead"). So while a bucket is busy on this instance and far below its limit, the
 * instance reserves several numbers with one write (the counter goes up by `n`) and hands the rest
 * out to the next requests itself.
 *
 * What stays exact: no number is given twice, so no more than the limit pass in a window, over
 * every instance. What becomes approximate: numbers one instance reserved and has not handed out
 * count as spent for the others, so when a bucket reaches its limit fewer than the limit may have
 * passed, by at most what the instances still hold. Reservations are kept small for that: one
 * number for a bucket this instance has not counted within the last second (every quiet client,
 * and every test that counts a few requests, is counted one by one as before), then doubling while
 * the bucket stays busy, up to MAX_RESERVED and never more than a sixteenth of what is left below
 * the limit; near the limit (fewer than 32 left), one at a time again.
 */
export const MAX_RESERVED = 32;
/** A bucket counted on this instance within this time is busy: its next reservation may be larger. */
export const BUSY_MS = 1_000;
/** A reservation takes at most this share of what is left below the limit (1/16). */
const SHARE_OF_REMAINING = 16;
/** Buckets remembered at most in one window: beyond it new ones are counted one by one (reserve). */
export const MAX_BUCKETS = 50_000;
/** No reservation ahead in a window's last seconds: instances' clocks may differ by that much. */
export const END_MARGIN_MS = 2_000;

interface Reserved {
  /** The window's start (ms since the epoch) the numbers belong to. */
  windowStart: number;
  /**
   * Numbers reserved and not handed out yet, as [next, last] ranges in the order they were
   * reserved: requests of a busy bucket that found none left reserve side by side.
   */
  ranges: [number, number][];
  /** The counter as the database last answered it here: the highest number reserved so far. */
  top: number;
  /** How many the last reservation took, and when (ms). */
  size: number;
  at: number;
}

export class CountLeases {
  private readonly byKey = new Map<string, Reserved>();
  /** The latest window forgetBefore was given. */
  private latestWindow = 0;
  /** Buckets with a reservation of more than one number on its way to the database. */
  private readonly onTheirWay = new Set<string>();

  /** Whether `key` has a reserved number left in the window starting at `windowStart`. */
  has(key: string, windowStart: number): boolean {
    const r = this.byKey.get(key);
    return r !== undefined && r.windowStart === windowStart && r.ranges.length > 0;
  }

  /** The next reserved number of `key` in that window (and it is spent), or null when none is left. */
  take(key: string, windowStart: number): number | null {
    const r = this.byKey.get(key);
    if (!r || r.windowStart !== windowStart) return null;
    const range = r.ranges[0];
    if (!range) return null;
    const n = range[0]++;
    if (range[0] > range[1]) r.ranges.shift();
    return n;
  }

  /**
   * How many numbers to reserve for `bucket` now, in the window of `windowMs` starting at
   * `windowStart`. More than one only while the bucket is busy here, none of its reservations is
   * on its way already (parallel requests would each take the full share), and the window has
   * more than END_MARGIN_MS to run (an instance whose clock is behind must not hand out numbers of
   * a window the others have left). A size above 1 is on its way until `settled` is called.
   */
  sizeFor(bucket: Bucket, windowStart: number, windowMs: number, now: number): number {
    const r = this.byKey.get(bucket.key);
    if (!r || r.windowStart !== windowStart || now - r.at >= BUSY_MS || now < r.at) return 1;
    if (this.onTheirWay.has(bucket.key) || windowStart + windowMs - now < END_MARGIN_MS) return 1;
    const cap = Math.floor((bucket.limit - r.top) / SHARE_OF_REMAINING);
    const size = Math.max(1, Math.min(r.size * 2, MAX_RESERVED, cap));
    if (size > 1) this.onTheirWay.add(bucket.key);
    return size;
  }

  /** The reservation sizeFor gave more than 1 for `key` was answered, or failed. */
  settled(key: string): void {
    this.onTheirWay.delete(key);
  }

  /**
   * Records a reservation: the counter of `key` now stands at `hits` in the window starting at
   * `windowStart` (as the database answered, which may be a later window than asked), after adding
   * `size`. The request that made it takes the first of the numbers, which is returned.
   */
  reserve(key: string, windowStart: number, hits: number, size: number, now: number): number {
    const first = hits - size + 1;
    let r = this.byKey.get(key);
    if (!r || r.windowStart !== windowStart) {
      // Full (a flood of distinct clients in one window): a new bucket is not remembered, so it is
      // counted one by one; the buckets remembered keep what they hold until the window ends.
      if (!r && this.byKey.size >= MAX_BUCKETS) return first;
      r = { windowStart, ranges: [], top: hits, size, at: now };
      this.byKey.set(key, r);
    }
    r.top = Math.max(r.top, hits);
    r.size = size;
    r.at = now;
    if (size > 1) r.ranges.push([first + 1, hits]);
    return first;
  }

  /**
   * Forgets the reservations of windows before `windowStart` (their numbers can no longer be used):
   * a walk over every bucket, done once per window.
   */
  forgetBefore(windowStart: number): void {
    if (windowStart <= this.latestWindow) return;
    this.latestWindow = windowStart;
    for (const [key, r] of this.byKey) if (r.windowStart < windowStart) this.byKey.delete(key);
  }

  /** How many buckets are remembered (for tests). */
  get size(): number {
    return this.byKey.size;
  }
}
