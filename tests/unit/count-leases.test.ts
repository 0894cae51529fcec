import { describe, expect, it } from "vitest";
import { BUSY_MS, CountLeases, END_MARGIN_MS, MAX_BUCKETS, MAX_RESERVED, REFILL_BELOW } from "../../lib/security/count-leases";

const W = Date.UTC(2026, 11, 2, 6, 0, 0);
const WINDOW_MS = 60_000;
const KEY = "user:u1";
const bucket = (limit: number) => ({ kind: "user" as const, key: KEY, limit });

/**
 * One request as lib/security/rate-limits.ts makes it, against `counter` playing the database's
 * row: a number taken from what the instance holds, else a reservation for the request; a refill
 * when one is due. Returns the request's number and whether it wrote.
 */
function request(leases: CountLeases, limit: number, now: number, counter: { hits: number }) {
  let n = leases.take(KEY, W, WINDOW_MS, now);
  let wrote = false;
  if (n === null) {
    const size = leases.sizeFor(bucket(limit), W, WINDOW_MS, now, true);
    counter.hits += size;
    wrote = true;
    n = leases.reserve(KEY, W, counter.hits, size, now, true);
    if (size > 1) leases.settled(KEY);
  } else {
    const refill = leases.sizeFor(bucket(limit), W, WINDOW_MS, now, false);
    if (refill > 0) {
      counter.hits += refill;
      wrote = true;
      expect(leases.reserve(KEY, W, counter.hits, refill, now, false)).toBeNull();
      leases.settled(KEY);
    }
  }
  return { n: n!, wrote };
}

function requests(leases: CountLeases, limit: number, count: number, at: (i: number) => number, counter = { hits: 0 }) {
  const numbers: number[] = [];
  let writes = 0;
  for (let i = 0; i < count; i++) {
    const { n, wrote } = request(leases, limit, at(i), counter);
    numbers.push(n);
    if (wrote) writes++;
  }
  return { numbers, writes, counter };
}

/** Hands out every number the instance holds; how many. */
function drain(leases: CountLeases, now: number): number {
  let n = 0;
  while (leases.take(KEY, W, WINDOW_MS, now) !== null) n++;
  return n;
}

const oneToN = (n: number, from = 1) => Array.from({ length: n }, (_, i) => i + from);

describe("counts reserved ahead (lib/security/count-leases.ts)", () => {
  it("a quiet bucket is counted one by one: every request writes, numbered 1, 2, 3…", () => {
    const leases = new CountLeases();
    const { numbers, writes } = requests(leases, 600, 5, (i) => W + i * (BUSY_MS + 1));
    expect(numbers).toEqual([1, 2, 3, 4, 5]);
    expect(writes).toBe(5);
  });

  it("a busy bucket far below its limit: reservations of 2, 4… up to MAX_RESERVED, refilled ahead; no number twice or skipped", () => {
    const leases = new CountLeases();
    const { numbers, writes, counter } = requests(leases, 1_000_000, 1000, (i) => W + i);
    expect(numbers).toEqual(oneToN(1000));
    expect(writes).toBeLessThan(1000 / (MAX_RESERVED / 2));
    expect(counter.hits - 1000).toBeLessThanOrEqual(MAX_RESERVED + REFILL_BELOW);
  });

  it("near the limit it goes back to one at a time: the counter reaches the limit by the requests themselves", () => {
    const leases = new CountLeases();
    const limit = 200;
    const { numbers, counter } = requests(leases, limit, 260, (i) => W + i);
    expect(numbers).toEqual(oneToN(260));
    // Each reservation takes at most a sixteenth of what is left: within 32 of the limit nothing
    // is held, so every refused request is counted once, by itself.
    expect(counter.hits).toBe(260);
    expect(numbers.filter((n) => n <= limit)).toHaveLength(limit);
  });

  it("parallel requests that found none left: one reservation ahead on its way at a time, the others single; every number once", () => {
    const leases = new CountLeases();
    const counter = { hits: 0 };
    requests(leases, 1_000_000, 3, (i) => W + i, counter); // busy now, holding a few
    drain(leases, W + 10); // spend what is held
    const taken = counter.hits;
    // Three requests planned before any answer comes back.
    const sizes = [0, 1, 2].map(() => leases.sizeFor(bucket(1_000_000), W, WINDOW_MS, W + 20, true));
    expect(sizes[0]).toBeGreaterThan(1);
    expect(sizes.slice(1)).toEqual([1, 1]);
    const firsts = sizes.map((size) => {
      counter.hits += size;
      return leases.reserve(KEY, W, counter.hits, size, W + 20, true)!;
    });
    leases.settled(KEY);
    const rest: number[] = [];
    for (let n = leases.take(KEY, W, WINDOW_MS, W + 21); n !== null; n = leases.take(KEY, W, WINDOW_MS, W + 21)) rest.push(n);
    expect([...firsts, ...rest].sort((a, b) => a - b)).toEqual(oneToN(counter.hits - taken, taken + 1));
  });

  it("a number given back (a session that did not hold) is the next one handed out", () => {
    const leases = new CountLeases();
    const counter = { hits: 0 };
    requests(leases, 1_000_000, 5, (i) => W + i, counter);
    const n = leases.take(KEY, W, WINDOW_MS, W + 6)!;
    leases.giveBack(KEY, W, n);
    expect(leases.take(KEY, W, WINDOW_MS, W + 7)).toBe(n);
  });

  it("none ahead in a window's last seconds (another instance's clock may be past its end)", () => {
    const leases = new CountLeases();
    const late = W + WINDOW_MS - END_MARGIN_MS - 20;
    const counter = { hits: 0 };
    requests(leases, 1_000_000, 2, (i) => late + i, counter);
    drain(leases, late + 5);
    expect(leases.sizeFor(bucket(1_000_000), W, WINDOW_MS, late + 50, true)).toBe(1);
    expect(leases.sizeFor(bucket(1_000_000), W, WINDOW_MS, late + 10, true)).toBeGreaterThan(1);
    // What it holds is not handed out either then: those requests go to the database.
    counter.hits += 8;
    leases.reserve(KEY, W, counter.hits, 8, late + 11, false);
    leases.settled(KEY);
    expect(leases.take(KEY, W, WINDOW_MS, late + 12)).toBe(counter.hits - 7);
    expect(leases.take(KEY, W, WINDOW_MS, late + 50)).toBeNull();
  });

  it("a flood of new clients fills the table: new ones are counted singly, the busy ones keep what they hold", () => {
    const leases = new CountLeases();
    requests(leases, 1_000_000, 10, (i) => W + i); // a busy client holding numbers
    expect(leases.take(KEY, W, WINDOW_MS, W + 11)).not.toBeNull();
    for (let i = 0; leases.size < MAX_BUCKETS; i++) leases.reserve(`ip:flood-${i}`, W, 1, 1, W + 20);
    expect(leases.reserve("ip:one-more", W, 1, 1, W + 21)).toBe(1);
    expect(leases.size).toBe(MAX_BUCKETS);
    expect(leases.take(KEY, W, WINDOW_MS, W + 22)).not.toBeNull();
    expect(leases.sizeFor({ kind: "ip", key: "ip:one-more", limit: 1_000_000 }, W, WINDOW_MS, W + 22, true)).toBe(1);
  });

  it("numbers belong to their window: a new window starts again with single counts", () => {
    const leases = new CountLeases();
    requests(leases, 1_000_000, 20, (i) => W + i);
    const next = W + WINDOW_MS;
    expect(leases.take(KEY, next, WINDOW_MS, next)).toBeNull();
    expect(leases.sizeFor(bucket(1_000_000), next, WINDOW_MS, next, true)).toBe(1);
    leases.forgetBefore(next);
    expect(leases.size).toBe(0);
    // The database may answer a later window than asked (another instance's clock is ahead).
    expect(leases.reserve(KEY, next, 1, 1, W + 30)).toBe(1);
    expect(leases.take(KEY, W, WINDOW_MS, W + 31)).toBeNull();
  });
});
