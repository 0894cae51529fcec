import { describe, expect, it } from "vitest";
import { BUSY_MS, CountLeases, END_MARGIN_MS, MAX_BUCKETS, MAX_RESERVED } from "../../lib/security/count-leases";

const W = Date.UTC(2026, 11, 2, 6, 0, 0);
const WINDOW_MS = 60_000;
const bucket = (limit: number) => ({ kind: "user" as const, key: "user:u1", limit });

/**
 * Plays the database's counter for one bucket: each reservation adds its size and answers the
 * counter, as rate-limits.ts's upsert does. Returns the number each request got.
 */
function requests(leases: CountLeases, limit: number, n: number, at: (i: number) => number, counter = { hits: 0 }) {
  const numbers: number[] = [];
  let writes = 0;
  for (let i = 0; i < n; i++) {
    const now = at(i);
    const taken = leases.take("user:u1", W);
    if (taken !== null) {
      numbers.push(taken);
      continue;
    }
    const size = leases.sizeFor(bucket(limit), W, WINDOW_MS, now);
    counter.hits += size;
    writes++;
    numbers.push(leases.reserve("user:u1", W, counter.hits, size, now));
    leases.settled("user:u1");
  }
  return { numbers, writes, counter };
}

describe("counts reserved ahead (lib/security/count-leases.ts)", () => {
  it("a quiet bucket is counted one by one: every request writes, numbered 1, 2, 3…", () => {
    const leases = new CountLeases();
    const { numbers, writes } = requests(leases, 600, 5, (i) => W + i * (BUSY_MS + 1));
    expect(numbers).toEqual([1, 2, 3, 4, 5]);
    expect(writes).toBe(5);
  });

  it("a busy bucket far below its limit reserves 1, 2, 4… up to MAX_RESERVED: fewer writes, no number twice, none skipped", () => {
    const leases = new CountLeases();
    const { numbers, writes, counter } = requests(leases, 1_000_000, 500, (i) => W + i);
    expect(numbers).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(writes).toBeLessThan(30);
    expect(counter.hits - 500).toBeLessThan(MAX_RESERVED);
  });

  it("near the limit it goes back to one at a time, and never reserves past the limit", () => {
    const leases = new CountLeases();
    const limit = 200;
    const { numbers, counter } = requests(leases, limit, 260, (i) => W + i);
    expect(numbers).toEqual(Array.from({ length: 260 }, (_, i) => i + 1));
    // Each reservation takes at most a sixteenth of what is left: the counter reaches the limit
    // only by the requests themselves, and past it one by one (each refused request counted once).
    expect(counter.hits).toBe(260);
    expect(numbers.filter((n) => n <= limit)).toHaveLength(limit);
  });

  it("parallel requests that found none left: one reservation ahead at a time, the others single; every number once", () => {
    const leases = new CountLeases();
    const counter = { hits: 0 };
    requests(leases, 1_000_000, 10, (i) => W + i, counter); // busy now
    // Three requests planned before any answer comes back (parallel requests).
    const sizes = [0, 1, 2].map(() => leases.sizeFor(bucket(1_000_000), W, WINDOW_MS, W + 20));
    expect(sizes[0]).toBeGreaterThan(1);
    expect(sizes.slice(1)).toEqual([1, 1]);
    const firsts = sizes.map((size) => {
      counter.hits += size;
      return leases.reserve("user:u1", W, counter.hits, size, W + 20);
    });
    leases.settled("user:u1");
    expect(leases.sizeFor(bucket(1_000_000), W, WINDOW_MS, W + 21)).toBeGreaterThan(1);
    leases.settled("user:u1");
    const rest: number[] = [];
    for (let n = leases.take("user:u1", W); n !== null; n = leases.take("user:u1", W)) rest.push(n);
    const all = [...firsts, ...rest].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: counter.hits - 10 }, (_, i) => i + 11));
  });

  it("none ahead in a window's last seconds (another instance's clock may be past its end)", () => {
    const leases = new CountLeases();
    const late = W + WINDOW_MS - END_MARGIN_MS - 20;
    requests(leases, 1_000_000, 2, (i) => late + i);
    expect(leases.sizeFor(bucket(1_000_000), W, WINDOW_MS, late + 50)).toBe(1);
    expect(leases.sizeFor(bucket(1_000_000), W, WINDOW_MS, late + 10)).toBeGreaterThan(1);
  });

  it("a flood of new clients fills the table: new ones are counted singly, the busy ones keep what they hold", () => {
    const leases = new CountLeases();
    requests(leases, 1_000_000, 10, (i) => W + i); // a busy client holding numbers
    const held = leases.has("user:u1", W);
    expect(held).toBe(true);
    for (let i = 0; leases.size < MAX_BUCKETS; i++) leases.reserve(`ip:flood-${i}`, W, 1, 1, W + 20);
    expect(leases.reserve("ip:one-more", W, 1, 1, W + 21)).toBe(1);
    expect(leases.size).toBe(MAX_BUCKETS);
    expect(leases.has("user:u1", W)).toBe(true);
    expect(leases.sizeFor({ kind: "ip", key: "ip:one-more", limit: 1_000_000 }, W, WINDOW_MS, W + 22)).toBe(1);
  });

  it("numbers belong to their window: a new window starts again with single counts", () => {
    const leases = new CountLeases();
    requests(leases, 1_000_000, 20, (i) => W + i);
    expect(leases.has("user:u1", W)).toBe(true);
    const next = W + 60_000;
    expect(leases.take("user:u1", next)).toBeNull();
    expect(leases.sizeFor(bucket(1_000_000), next, WINDOW_MS, next)).toBe(1);
    leases.forgetBefore(next);
    expect(leases.size).toBe(0);
    // The database may answer a later window than asked (another instance's clock is ahead).
    expect(leases.reserve("user:u1", next, 1, 1, W + 30)).toBe(1);
    expect(leases.take("user:u1", W)).toBeNull();
  });
});
