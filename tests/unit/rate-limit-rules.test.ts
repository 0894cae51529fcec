import { describe, expect, it } from "vitest";
import { addressBucketOf, apiBuckets, decide, loginBuckets, windowStartOf } from "../../lib/security/rate-limit-rules";

const SETTINGS = { windowSeconds: 60, perToken: 3, perUser: 5, perIp: 8, loginPerIp: 4 };

describe("rate limit rules", () => {
  it("an IPv4 address is one client; an IPv6 client is its /64, however it is written", () => {
    expect(addressBucketOf("192.0.2.1")).toBe("192.0.2.1");
    expect(addressBucketOf("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(addressBucketOf("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(addressBucketOf("2001:db8:1:3::1")).not.toBe(addressBucketOf("2001:db8:1:2::1"));
  });

  it("a request's buckets come in one order (token, user, address), each only when known", () => {
    const buckets = apiBuckets(SETTINGS, { ip: "192.0.2.1", userId: "u1", tokenId: "t1" });
    expect(buckets.map((b) => [b.key, b.limit])).toEqual([
      ["token:t1", 3],
      ["user:u1", 5],
      ["ip:192.0.2.1", 8],
    ]);
    expect(apiBuckets(SETTINGS, { userId: "u1" }).map((b) => b.key)).toEqual(["user:u1"]);
    expect(apiBuckets(SETTINGS, {})).toEqual([]);
    expect(loginBuckets(SETTINGS, null)).toEqual([]);
    expect(loginBuckets(SETTINGS, "192.0.2.1")).toEqual([{ kind: "login", key: "login:192.0.2.1", limit: 4 }]);
  });

  it("windows are aligned to the clock, so every instance agrees on them", () => {
    const at = Date.UTC(2026, 11, 1, 16, 40, 37, 500);
    expect(windowStartOf(at, 60).toISOString()).toBe("2026-12-01T16:40:00.000Z");
    expect(windowStartOf(at, 3600).toISOString()).toBe("2026-12-01T16:00:00.000Z");
  });

  it("the tightest bucket decides: a refusal over an allowance, else the fewest left", () => {
    const buckets = apiBuckets(SETTINGS, { tokenId: "t", userId: "u", ip: "192.0.2.1" });
    const windowStart = new Date(Date.UTC(2026, 11, 1, 16, 40));
    const now = windowStart.getTime() + 45_500;
    const counts = (token: number, user: number, ip: number) => [
      { key: "token:t", hits: token, windowStart },
      { key: "user:u", hits: user, windowStart },
      { key: "ip:192.0.2.1", hits: ip, windowStart },
    ];
    expect(decide(buckets, counts(1, 4, 1), now, 60)).toEqual({
      allowed: true,
      kind: "user",
      limit: 5,
      remaining: 1,
      resetSeconds: 15,
    });
    expect(decide(buckets, counts(3, 5, 8), now, 60)).toMatchObject({ allowed: true, remaining: 0 });
    expect(decide(buckets, counts(1, 2, 9), now, 60)).toMatchObject({
      allowed: false,
      kind: "ip",
      remaining: 0,
      resetSeconds: 15,
    });
    expect(decide(buckets, counts(4, 2, 1), now, 60)).toMatchObject({ allowed: false, kind: "token" });
  });
});
