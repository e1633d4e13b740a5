// Where the platform may send requests on someone else's say-so (catalogue webhooks): public internet addresses
// only. A subscriber must not make the platform reach its own network (PostgreSQL, Temporal, Redis, the cloud's
// metadata service at 169.254.169.254) or probe it. Addresses are checked with net.BlockList on parsed IPs (never
// with string patterns), once when a URL is registered and again at connect time for the exact address the socket
// connects to, so a name that resolves elsewhere later (DNS rebinding) gets nowhere.
import dns from 'node:dns';
import net from 'node:net';

/** `loopback` lets 127.0.0.0/8 and ::1 through (tests and local development only; WEBHOOK_ALLOW_PRIVATE_NETWORKS). */
export type PrivateNetworkAllowance = 'off' | 'loopback';

const NOT_PUBLIC_V4: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16], // RFC 1918
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24], // IETF assignments, documentation
  ['192.88.99.0', 24],
  ['198.18.0.0', 15], // 6to4 relays, benchmarking
  ['224.0.0.0', 4],
  ['240.0.0.0', 4], // multicast, reserved and broadcast
];
const NOT_PUBLIC_V6: Array<[string, number]> = [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible addresses
  ['::ffff:0:0', 96], // IPv4-mapped
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments, Teredo included
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10],
  ['fec0::', 10], // link-local, old site-local
  ['ff00::', 8], // multicast
];

// Two lists: a BlockList matches IPv4 addresses against IPv4-mapped IPv6 rules (::ffff:0:0/96 would block them all).
const notPublicV4 = new net.BlockList();
for (const [prefix, bits] of NOT_PUBLIC_V4) notPublicV4.addSubnet(prefix, bits, 'ipv4');
const notPublicV6 = new net.BlockList();
for (const [prefix, bits] of NOT_PUBLIC_V6) notPublicV6.addSubnet(prefix, bits, 'ipv6');
const loopback = new net.BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** The IPv4 address inside NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses, which route to it. */
function embeddedV4(v6: string): string | null {
  const groups = expandV6(v6);
  if (!groups) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) return v4(groups[6], groups[7]);
  if (groups[0] === 0x2002) return v4(groups[1], groups[2]);
  return null;
}

function expandV6(v6: string): number[] | null {
  let text = v6;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const left = part(head);
  const right = part(tail);
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** True when the address is not a public unicast address (and not let through by the allowance). */
export function isBlockedAddress(address: string, allow: PrivateNetworkAllowance = 'off'): boolean {
  const family = net.isIP(address);
  if (family === 0) return true;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (allow === 'loopback' && loopback.check(address, type)) return false;
  if ((family === 4 ? notPublicV4 : notPublicV6).check(address, type)) return true;
  const inner = family === 6 ? embeddedV4(address) : null;
  return inner !== null && isBlockedAddress(inner, 'off');
}

export class BlockedAddressError extends Error {
  readonly code = 'EBLOCKEDADDRESS';
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request and net.connect: resolves once, refuses when any resolved address is not public,
 * and hands the socket exactly the addresses it checked.
 */
export function guardedLookup(allow: PrivateNetworkAllowance) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) {
        callback(err, []);
        return;
      }
      if (addresses.length === 0 || addresses.some((a) => isBlockedAddress(a.address, allow))) {
        callback(new BlockedAddressError(`${hostname} does not resolve to public addresses only`), []);
        return;
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** The host of a URL as net.isIP sees it (IPv6 literals without their brackets). */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** Why a webhook URL may not be registered, or null. Resolves the host name (never connects to it). */
export async function webhookUrlProblem(
  raw: string,
  opts: { production: boolean; allow: PrivateNetworkAllowance },
): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Not an absolute URL.';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !opts.production))
    return opts.production ? 'Only https URLs.' : 'Only http(s) URLs.';
  if (url.username || url.password) return 'No user name or password in the URL; authenticate with the signature.';
  const host = hostOf(url);
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await dns.promises.lookup(host, { all: true })).map((a) => a.address);
    } catch {
      addresses = [];
    }
  }
  // One answer for unknown names and private addresses: registration must not tell internal names apart.
  if (addresses.length === 0 || addresses.some((a) => isBlockedAddress(a, opts.allow)))
    return 'The host must resolve to public internet addresses only.';
  return null;
}
