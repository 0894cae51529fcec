import { describe, expect, it } from "vitest";
import { checkAddress, parseIPv6 } from "../../lib/net/address-policy";

const strict = { allowLoopback: false };
const tests = { allowLoopback: true };

describe("outbound address policy", () => {
  it.each([
    "0.0.0.0",
    "10.1.2.3",
    "100.64.0.1",
    "100.100.100.200",
    "127.0.0.1",
    "127.255.255.254",
    "169.254.169.254",
    "172.16.0.1",
    "172.31.255.255",
    "192.0.0.8",
    "192.0.2.1",
    "192.168.1.1",
    "198.18.0.1",
    "224.0.0.1",
    "239.255.255.250",
    "255.255.255.255",
    "::",
    "::1",
    "[::1]",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "::127.0.0.1",
    "64:ff9b::a00:1",
    "fc00::1",
    "fd00:ec2::254",
    "fe80::1",
    "fe80::1%eth0",
    "fec0::1",
    "ff02::1",
    "2001:db8::1",
    "2001::1",
    "2002:a00:1::1",
    "100::1",
  ])("refuses %s", (ip) => {
    const verdict = checkAddress(ip, strict);
    expect(verdict.allowed).toBe(false);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "93.184.215.14",
    "172.32.0.1",
    "100.128.0.1",
    "2606:4700::1111",
    "2a00:1450:4009:81f::200e",
    "::ffff:8.8.8.8",
  ])("allows the public address %s", (ip) => {
    expect(checkAddress(ip, strict)).toEqual({ allowed: true });
  });

  it("says why an address is refused", () => {
    expect(checkAddress("169.254.169.254", strict)).toEqual({ allowed: false, reason: "link-local" });
    expect(checkAddress("100.64.1.1", strict)).toEqual({ allowed: false, reason: "carrier-grade NAT" });
    expect(checkAddress("not-an-ip", strict)).toEqual({ allowed: false, reason: "not an IP address" });
  });

  it("lets loopback through only under the test setting, and nothing else private", () => {
    for (const ip of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) expect(checkAddress(ip, tests).allowed).toBe(true);
    for (const ip of ["10.0.0.1", "169.254.169.254", "192.168.0.1", "fd00::1", "::"])
      expect(checkAddress(ip, tests).allowed).toBe(false);
  });

  it("parses IPv6 forms into eight groups", () => {
    expect(parseIPv6("::1")).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6("::ffff:1.2.3.4")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    expect(parseIPv6("2001:db8::8:800:200c:417a")).toEqual([0x2001, 0xdb8, 0, 0, 8, 0x800, 0x200c, 0x417a]);
    expect(parseIPv6("1:2:3:4:5:6:7:8:9")).toBeNull();
    expect(parseIPv6("1.2.3.4")).toBeNull();
  });
});
