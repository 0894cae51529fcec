import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies } from "@/lib/net/client-address.mjs";

describe("the client's address behind TRUSTED_PROXIES", () => {
  it("believes X-Forwarded-For only from a trusted peer, reading hops from the right", () => {
    const none = parseTrustedProxies(undefined);
    expect(clientAddress("203.0.113.5", "198.51.100.1", none)).toBe("203.0.113.5");
    expect(clientAddress("::ffff:127.0.0.1", "198.51.100.1", none)).toBe("127.0.0.1");

    const proxies = parseTrustedProxies(" 10.0.0.0/8, 127.0.0.1 ,::1");
    expect(clientAddress("10.1.2.3", "198.51.100.1", proxies)).toBe("198.51.100.1");
    // A client's own entries sit left of the first untrusted hop: never used.
    expect(clientAddress("10.1.2.3", "6.6.6.6, 198.51.100.1, 10.9.9.9", proxies)).toBe("198.51.100.1");
    expect(clientAddress("::1", "127.0.0.1", proxies)).toBe("127.0.0.1"); // all trusted: the furthest
    expect(clientAddress("203.0.113.5", "10.0.0.1", proxies)).toBe("203.0.113.5"); // peer not a proxy
    expect(clientAddress("10.1.2.3", "not-an-ip, 198.51.100.1", proxies)).toBe("198.51.100.1");
    expect(clientAddress("10.1.2.3", "198.51.100.1, garbage", proxies)).toBe("10.1.2.3");
    expect(clientAddress(undefined, "198.51.100.1", proxies)).toBeNull();
  });

  it("refuses a TRUSTED_PROXIES entry that is not an address or CIDR range", () => {
    for (const bad of ["10.0.0.0/33", "proxy.example", "10.0.0.1/8/1", "::1/129", "10.0.0.0/x"]) {
      expect(() => parseTrustedProxies(bad), bad).toThrow(/TRUSTED_PROXIES/);
    }
  });
});
