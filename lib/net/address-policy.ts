import net from "node:net";

/**
 * Which IP addresses the server may connect to on a user's behalf (docs/security.md: outbound fetches
 * reach public addresses only). Pure: no DNS, no sockets; safe-fetch.ts calls it on every DNS answer
 * and every redirect hop.
 *
 * Deny by default for IPv6: only global unicast (2000::/3) minus its special-purpose blocks passes;
 * IPv4-mapped addresses (::ffff:a.b.c.d) are judged by the IPv4 address they carry.
 */

export interface AddressPolicy {
  /** Tests only (lib/env.ts refuses it in production): 127.0.0.0/8 and ::1 pass. */
  allowLoopback: boolean;
}

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

type Range4 = readonly [base: number, bits: number, reason: string];

const ip4 = (a: number, b: number, c: number, d: number) => ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;

// IANA IPv4 special-purpose registry, the blocks a public web server never lives in.
const BLOCKED_V4: readonly Range4[] = [
  [ip4(0, 0, 0, 0), 8, "unspecified / this network"],
  [ip4(10, 0, 0, 0), 8, "private"],
  [ip4(100, 64, 0, 0), 10, "carrier-grade NAT"], // also Alibaba Cloud's metadata 100.100.100.200
  [ip4(127, 0, 0, 0), 8, "loopback"],
  [ip4(169, 254, 0, 0), 16, "link-local"], // cloud metadata 169.254.169.254 lives here
  [ip4(172, 16, 0, 0), 12, "private"],
  [ip4(192, 0, 0, 0), 24, "IETF protocol assignments"],
  [ip4(192, 0, 2, 0), 24, "documentation"],
  [ip4(192, 31, 196, 0), 24, "AS112"],
  [ip4(192, 52, 193, 0), 24, "AMT"],
  [ip4(192, 88, 99, 0), 24, "6to4 relay"],
  [ip4(192, 168, 0, 0), 16, "private"],
  [ip4(192, 175, 48, 0), 24, "AS112"],
  [ip4(198, 18, 0, 0), 15, "benchmarking"],
  [ip4(198, 51, 100, 0), 24, "documentation"],
  [ip4(203, 0, 113, 0), 24, "documentation"],
  [ip4(224, 0, 0, 0), 4, "multicast"],
  [ip4(240, 0, 0, 0), 4, "reserved / broadcast"],
];

function parseIPv4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

/** The eight 16-bit groups of an IPv6 address (zone id dropped, dotted IPv4 tail expanded). */
export function parseIPv6(text: string): number[] | null {
  let s = text.replace(/^\[|\]$/g, "");
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (net.isIPv6(s) === false) return null;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (tail) {
    const v4 = parseIPv4(tail[1]!);
    if (v4 === null) return null;
    s = s.slice(0, tail.index) + `${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 && missing !== 0) return null;
  if (missing < 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

function inRange4(value: number, base: number, bits: number): boolean {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (value & mask) >>> 0 === (base & mask) >>> 0;
}

function checkIPv4(value: number, policy: AddressPolicy): AddressVerdict {
  for (const [base, bits, reason] of BLOCKED_V4) {
    if (!inRange4(value, base, bits)) continue;
    if (reason === "loopback" && policy.allowLoopback) return { allowed: true };
    return { allowed: false, reason };
  }
  return { allowed: true };
}

function checkIPv6(g: number[], policy: AddressPolicy): AddressVerdict {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [number, number, number, number, number, number, number, number];
  const upperZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (upperZero && g5 === 0xffff) return checkIPv4(((g6 << 16) >>> 0) + g7, policy); // IPv4-mapped
  if (upperZero && g5 === 0 && g6 === 0 && g7 === 1) {
    return policy.allowLoopback ? { allowed: true } : { allowed: false, reason: "loopback" };
  }
  if (upperZero && g5 === 0 && g6 === 0 && g7 === 0) return { allowed: false, reason: "unspecified" };
  // Outside 2000::/3 everything is special: IPv4-compatible, NAT64, discard, unique local (fc00::/7,
  // where AWS's metadata fd00:ec2::254 lives), link-local fe80::/10, site-local, multicast ff00::/8.
  if ((g0 & 0xe000) !== 0x2000) return { allowed: false, reason: "not a global unicast IPv6 address" };
  if (g0 === 0x2001 && g1 < 0x200) return { allowed: false, reason: "IETF protocol assignments (Teredo, ORCHID…)" };
  if (g0 === 0x2001 && g1 === 0x0db8) return { allowed: false, reason: "documentation" };
  if (g0 === 0x2002) return { allowed: false, reason: "6to4 (tunnels to an IPv4 address)" };
  if (g0 === 0x3fff && g1 < 0x1000) return { allowed: false, reason: "documentation" };
  return { allowed: true };
}

/** Whether the server may connect to `address` (an IP literal, IPv4 or IPv6, brackets allowed). */
export function checkAddress(address: string, policy: AddressPolicy): AddressVerdict {
  const v4 = parseIPv4(address);
  if (v4 !== null) return checkIPv4(v4, policy);
  const v6 = parseIPv6(address);
  if (v6) return checkIPv6(v6, policy);
  return { allowed: false, reason: "not an IP address" };
}

/** 4 or 6 for an IP literal (brackets allowed), else 0. */
export function ipFamily(host: string): 0 | 4 | 6 {
  if (parseIPv4(host) !== null) return 4;
  return parseIPv6(host) ? 6 : 0;
}
