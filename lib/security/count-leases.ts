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
 * instance reserves several numbers with one write (the counter goes up by that many) and hands
 * them out to the next requests itself. It reserves again before it runs out (a refill, sent in the
 * statement a request sends anyway), so a steady client's requests mostly find a number waiting.
 *
 * What stays exact: no number is given twice, so no more than the limit pass in a window, over
 * every instance. What becomes approximate: numbers one instance holds and has not handed out
 * count as spent for the others, so when a bucket reaches its limit fewer than the limit may have
 * passed, by at most what the instances still hold. Reservations are kept small for that:
 * - one number at a time for a bucket this instance has not counted within the last second (every
 *   quiet client, and every test that counts a few requests, is counted one by one as before);
 * - then doubling while the bucket stays busy, up to MAX_RESERVED, and never more than a sixteenth
 *   of what is left below the limit (within 32 of it, one at a time again);
 * - one reservation ahead on its way per bucket at a time (parallel requests that find none left
 *   are counted one by one meanwhile), a refill only once fewer than REFILL_BELOW are left, and
 *   nothing reserved or handed out in a window's last END_MARGIN_MS (an instance whose clock is
 *   behind would otherwise hand out numbers of a window the others have left).
 * So an instance holds at most MAX_RESERVED + REFILL_BELOW numbers of a bucket.
 */
export const MAX_RESERVED = 64;
/** A refill is sent once fewer than this many numbers are left. */
export const REFILL_BELOW = 32;
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
  /** Numbers reserved and not handed out yet, as [next, last] ranges, handed out in this order. */
  ranges: [number, number][];
  /** The counter as the database last answered it here: the highest number reserved so far. */
  top: number;
  /** How many the last reservation ahead took. */
  size: number;
  /** When a number of the bucket was last handed out or reserved here (ms). */
  at: number;
}

/** Whether `now` is in the last END_MARGIN_MS of the window of `windowMs` starting at `windowStart`. */
const inEndMargin = (windowStart: number, windowMs: number, now: number) => windowStart + windowMs - now < END_MARGIN_MS;

/** How many numbers a bucket's ranges hold (a few ranges at most). */
const numbersLeft = (r: Reserved) => r.ranges.reduce((n, [next, last]) => n + last - next + 1, 0);

export class CountLeases {
  private readonly byKey = new Map<string, Reserved>();
  /** The latest window forgetBefore was given. */
  private latestWindow = 0;
  /** Buckets with a reservation of more than one number on its way to the database. */
  private readonly onTheirWay = new Set<string>();

  /**
   * The next reserved number of `key` in the window of `windowMs` starting at `windowStart` (and it
   * is spent), or null when none is left, or in the window's last END_MARGIN_MS: then every request
   * goes to the database, which counts it in the window it holds (an instance whose clock is behind
   * must not hand out numbers of a window the others have left).
   */
  take(key: string, windowStart: number, windowMs: number, now: number): number | null {
    const r = this.byKey.get(key);
    if (!r || r.windowStart !== windowStart || inEndMargin(windowStart, windowMs, now)) return null;
    const range = r.ranges[0];
    if (!range) return null;
    const n = range[0]++;
    if (range[0] > range[1]) r.ranges.shift();
    r.at = Math.max(r.at, now);
    return n;
  }

  /** A number taken and not used after all (the request turned out not to count against `key`). */
  giveBack(key: string, windowStart: number, n: number): void {
    const r = this.byKey.get(key);
    if (!r || r.windowStart !== windowStart) return;
    r.ranges.unshift([n, n]);
  }

  /**
   * How many numbers to reserve for `bucket` now, in the window of `windowMs` starting at
   * `windowStart`: for a request that found none left (`forRequest`: at least 1, the request takes
   * the first), or as a refill (0 when none is due). A reservation of more than one number is on
   * its way until `settled` is called.
   */
  sizeFor(bucket: Bucket, windowStart: number, windowMs: number, now: number, forRequest: boolean): number {
    const single = forRequest ? 1 : 0;
    const r = this.byKey.get(bucket.key);
    if (!r || r.windowStart !== windowStart || now - r.at >= BUSY_MS || now < r.at) return single;
    if (this.onTheirWay.has(bucket.key) || inEndMargin(windowStart, windowMs, now)) return single;
    if (!forRequest && numbersLeft(r) >= REFILL_BELOW) return 0;
    const size = Math.min(Math.max(2, r.size * 2), MAX_RESERVED, Math.floor((bucket.limit - r.top) / SHARE_OF_REMAINING));
    if (size < 2) return single;
    this.onTheirWay.add(bucket.key);
    return size;
  }

  /** The reservation sizeFor gave more than 1 for `key` was answered, or failed. */
  settled(key: string): void {
    this.onTheirWay.delete(key);
  }

  /**
   * Records a reservation: the counter of `key` now stands at `hits` in the window starting at
   * `windowStart` (as the database answered, which may be a later window than asked), after adding
   * `size`. A request that found none left takes the first number (`forRequest`), returned; a
   * refill keeps them all (null).
   */
  reserve(key: string, windowStart: number, hits: number, size: number, now: number, forRequest = true): number | null {
    const first = hits - size + 1;
    let r = this.byKey.get(key);
    if (!r || r.windowStart !== windowStart) {
      // Full (a flood of distinct clients in one window): a new bucket is not remembered, so it is
      // counted one by one; the buckets remembered keep what they hold until the window ends.
      if (!r && this.byKey.size >= MAX_BUCKETS) return forRequest ? first : null;
      r = { windowStart, ranges: [], top: hits, size: 1, at: now };
      this.byKey.set(key, r);
    }
    r.top = Math.max(r.top, hits);
    if (size > 1) r.size = size;
    r.at = Math.max(r.at, now);
    const from = forRequest ? first + 1 : first;
    if (from <= hits) r.ranges.push([from, hits]);
    return forRequest ? first : null;
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
