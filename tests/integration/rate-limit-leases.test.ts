import { HIGH_LIMITS as LIMITS } from "../support/high-rate-limits";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { signOutEverywhere } from "../../lib/auth/authenticate";
import type { Actor } from "../../lib/auth/permissions";
import { rowsOf } from "../../lib/database";
import { MAX_RESERVED, REFILL_BELOW } from "../../lib/security/count-leases";
import { windowStartOf } from "../../lib/security/rate-limit-rules";
import { countRequest, sessionUserAndCount } from "../../lib/security/rate-limits";
import { reviewQueueRead } from "../../lib/workflow/list-queue";
import { useTestDatabase } from "../support/db";
import { createActors } from "../support/fixtures";

/**
 * Counts reserved ahead (lib/security/count-leases.ts) against the real counter table: a busy
 * bucket far below its limit is written once per several requests, yet every request gets its own
 * number, a signed-out session spends none of its user's, and no more than the limit pass.
 */
const db = useTestDatabase();

afterEach(() => {
  vi.useRealTimers();
});

/** Fixes Date in a window after the current one, 1 s in. */
function freezeClock() {
  const ms = LIMITS.windowSeconds * 1000;
  vi.useFakeTimers({ toFake: ["Date"], now: windowStartOf(Date.now(), LIMITS.windowSeconds).getTime() + ms + 1_000 });
}

async function counter(bucket: string): Promise<number> {
  const r = await db.handle().db.execute(sql`select hits from rate_limit_counters where bucket = ${bucket}`);
  return Number(rowsOf<{ hits: number }>(r)[0]?.hits ?? 0);
}

async function sessionVersion(user: Actor): Promise<number> {
  const r = await db.handle().db.execute(sql`select session_version as sv from users where id = ${user.id}`);
  return Number(rowsOf<{ sv: number }>(r)[0]!.sv);
}

describe("counts reserved ahead while a client is busy", () => {
  it("a busy session gets the numbers 1, 2, 3… in order, with far fewer writes than requests", async () => {
    freezeClock();
    const { reviewer } = await createActors("lease-busy");
    const session = { userId: reviewer.id, sessionVersion: await sessionVersion(reviewer) };
    const remaining: number[] = [];
    const seen = new Set<number>();
    for (let i = 0; i < 150; i++) {
      const { user, rate } = await sessionUserAndCount(session, "198.51.100.7");
      expect(user?.id).toBe(reviewer.id);
      expect(rate?.allowed).toBe(true);
      expect(rate?.kind).toBe("user"); // the user's limit is the tighter
      remaining.push(rate!.remaining);
      seen.add(await counter(`user:${reviewer.id}`));
    }
    // Each request its own number, none skipped: what RateLimit-Remaining says goes down by one.
    expect(remaining).toEqual(Array.from({ length: 150 }, (_, i) => LIMITS.perUser - 1 - i));
    // The counter moved in reservations (1, 2, 4… up to MAX_RESERVED at once), not once per request.
    expect(seen.size).toBeLessThan(20);
    const user = await counter(`user:${reviewer.id}`);
    expect(user).toBeGreaterThanOrEqual(150);
    expect(user).toBeLessThanOrEqual(150 + MAX_RESERVED + REFILL_BELOW);
    expect(await counter("ip:198.51.100.7")).toBeLessThanOrEqual(150 + MAX_RESERVED + REFILL_BELOW);
  });

  it("a signed-out session spends none of the numbers its user's busy client holds; the address still counts", async () => {
    freezeClock();
    const { editor } = await createActors("lease-signout");
    const ip = "198.51.100.8";
    const session = { userId: editor.id, sessionVersion: await sessionVersion(editor) };
    let last = 0;
    for (let i = 0; i < 40; i++) last = (await sessionUserAndCount(session, ip)).rate!.remaining;
    const ipBefore = (await countRequest([{ kind: "ip", key: `ip:${ip}`, limit: LIMITS.perIp }], LIMITS.windowSeconds))!;

    // A stale session version (signed out elsewhere): refused, counted by address only.
    const stale = { ...session, sessionVersion: session.sessionVersion - 1 };
    const refused = await sessionUserAndCount(stale, ip);
    expect(refused.user).toBeNull();
    expect(refused.rate).toMatchObject({ allowed: true, kind: "ip", remaining: ipBefore.remaining - 1 });
    // The live session goes on with the very next number.
    expect((await sessionUserAndCount(session, ip)).rate!.remaining).toBe(last - 1);
    last -= 1;

    // Stale and live requests alternating, through the instance's refills of the user's numbers:
    // a stale one never moves the user's counter (nor takes a number: the live ones go on 1 by 1).
    for (let i = 0; i < 60; i++) {
      const before = await counter(`user:${editor.id}`);
      expect((await sessionUserAndCount(stale, ip)).user).toBeNull();
      expect(await counter(`user:${editor.id}`)).toBe(before);
      expect((await sessionUserAndCount(session, ip)).rate!.remaining).toBe(--last);
    }

    // Signed out everywhere: refused at once, whatever numbers this instance holds for the user.
    const before = await counter(`user:${editor.id}`);
    await signOutEverywhere(editor.id);
    expect((await sessionUserAndCount(session, ip)).user).toBeNull();
    expect(await counter(`user:${editor.id}`)).toBe(before);
  });

  it("GET /api/queue's read while every bucket is numbered here: rows for the live session, none for a stale one", async () => {
    freezeClock();
    const { reviewer } = await createActors("lease-queue");
    const ip = "198.51.100.9";
    const session = { userId: reviewer.id, sessionVersion: await sessionVersion(reviewer) };
    for (let i = 0; i < 40; i++) await sessionUserAndCount(session, ip); // busy: numbers held
    for (let i = 0; i < 5; i++) {
      const live = reviewQueueRead({})!;
      expect((await sessionUserAndCount(session, ip, Date.now(), live)).rate!.allowed).toBe(true);
      expect(live.rows).toEqual(expect.any(Array));
      expect(live.readerId).toBe(reviewer.id);
      const stale = reviewQueueRead({})!;
      const answer = await sessionUserAndCount({ ...session, sessionVersion: session.sessionVersion - 1 }, ip, Date.now(), stale);
      expect(answer.user).toBeNull();
      expect(stale.rows).toBeNull();
      expect(stale.readerId).toBeNull();
    }
  });

  it("parallel requests in waves against a limit of 250: every number once, and exactly 250 pass", async () => {
    freezeClock();
    const bucket = { kind: "token" as const, key: `token:lease-${Math.random()}`, limit: 250 };
    const decisions = [];
    for (let wave = 0; wave < 10; wave++) {
      decisions.push(...(await Promise.all(Array.from({ length: 40 }, () => countRequest([bucket], LIMITS.windowSeconds)))));
    }
    const allowed = decisions.filter((d) => d!.allowed);
    expect(allowed).toHaveLength(bucket.limit);
    // Refused early by no more than what this instance held back (one reservation ahead at a time).
    expect(decisions.slice(0, bucket.limit - MAX_RESERVED - REFILL_BELOW).every((d) => d!.allowed)).toBe(true);
    const left = allowed.map((d) => d!.remaining);
    expect(new Set(left).size).toBe(allowed.length);
    expect(await counter(bucket.key)).toBeGreaterThanOrEqual(400);
  });

  it("a busy client's parallel requests do not each reserve ahead: 30 in a row then 20 at once against 300, all pass", async () => {
    freezeClock();
    const bucket = { kind: "token" as const, key: `token:lease-${Math.random()}`, limit: 300 };
    for (let i = 0; i < 30; i++) expect((await countRequest([bucket], LIMITS.windowSeconds))!.allowed).toBe(true);
    const parallel = await Promise.all(Array.from({ length: 20 }, () => countRequest([bucket], LIMITS.windowSeconds)));
    expect(parallel.every((d) => d!.allowed)).toBe(true);
    expect(new Set(parallel.map((d) => d!.remaining)).size).toBe(20);
    expect(await counter(bucket.key)).toBeLessThanOrEqual(50 + MAX_RESERVED + REFILL_BELOW);
  });
});
