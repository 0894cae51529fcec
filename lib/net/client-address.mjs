// The client's address behind reverse proxies, for the audit log and login throttling. Plain
// JavaScript: server.mjs (plain Node) uses it before Next.js starts; lib/ through the .d.mts.
import net from "node:net";

/** `::ffff:192.0.2.1` (IPv4 on an IPv6 socket) as `192.0.2.1`; anything else unchanged. */
function plain(address) {
  const a = String(address ?? "").trim();
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a) ? a.slice(7) : a;
}

/**
 * `TRUSTED_PROXIES`: comma-separated IP addresses and CIDR ranges (`10.0.0.0/8`, `::1`). Throws on
 * an entry that is neither, so a typo stops the server instead of trusting nothing or everything.
 */
export function parseTrustedProxies(value) {
  const list = new net.BlockList();
  let entries = 0;
  for (const raw of String(value ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address, prefix, extra] = entry.split("/");
    const family = net.isIP(address ?? "");
    const bits = prefix === undefined ? undefined : Number(prefix);
    const maxBits = family === 4 ? 32 : 128;
    if (!family || extra !== undefined || (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
    entries++;
  }
  answers.set(list, entries === 0 ? null : new Map());
  return list;
}

/**
 * What `isTrusted` answered for each list of parseTrustedProxies, by address (null: the list is
 * empty, nothing is trusted). `BlockList.check` makes a `SocketAddress` per call (about 1.5 % of a
 * queue request's CPU); a server sees the same few peers again and again. At most ANSWERS_MAX
 * addresses per list: past that the answers start again. (A list is not changed after parsing.)
 * @type {WeakMap<net.BlockList, Map<string, boolean> | null>}
 */
const answers = new WeakMap();
const ANSWERS_MAX = 1_000;

function isTrusted(list, address) {
  const known = answers.get(list);
  if (known === null) return false;
  let trusted = known?.get(address);
  if (trusted === undefined) {
    const family = net.isIP(address);
    trusted = family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
    if (known) {
      if (known.size >= ANSWERS_MAX) known.clear();
      known.set(address, trusted);
    }
  }
  return trusted;
}

/**
 * The address of the client: the socket's peer, unless that peer is a trusted proxy, in which case
 * the `X-Forwarded-For` entries are read from the right (the nearest hop first) until one is not a
 * trusted proxy. Entries a client wrote itself sit left of the first untrusted hop and are never
 * used. Null when nothing usable is known.
 */
export function clientAddress(remoteAddress, forwardedFor, trusted) {
  let current = plain(remoteAddress);
  if (!net.isIP(current)) return null;
  // A peer that is not a trusted proxy is the client: its X-Forwarded-For is not even read.
  if (!isTrusted(trusted, current)) return current;
  const hops = String(forwardedFor ?? "")
    .split(",")
    .map(plain)
    .filter(Boolean);
  while (isTrusted(trusted, current) && hops.length > 0) {
    const next = hops.pop();
    if (!net.isIP(next)) break; // a malformed entry: the last trusted hop is as far as we can see
    current = next;
  }
  return current;
}
