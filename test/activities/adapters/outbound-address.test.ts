// Which addresses a catalogue webhook may reach, against the IANA special-purpose address registries (RFC 6890 and
// its updates): each special block by an address inside it and the first address past its end, and well-known
// public resolvers as the public addresses (Google 8.8.8.8 and 2001:4860:4860::8888, Cloudflare 1.1.1.1 and
// 2606:4700:4700::1111). Literal addresses only: nothing is computed with the module's own lists.
import { expect } from 'chai';
import { isBlockedAddress } from '../../../activities/adapters/outbound-address';

// [address, why it is not public]
const NOT_PUBLIC_V4: Array<[string, string]> = [
  ['0.0.0.0', '"this network" (RFC 791)'],
  ['0.255.255.255', '"this network", last'],
  ['10.0.0.1', 'private (RFC 1918)'],
  ['10.255.255.255', 'private, last'],
  ['172.16.0.1', 'private (RFC 1918)'],
  ['172.31.255.255', 'private, last'],
  ['192.168.0.1', 'private (RFC 1918)'],
  ['192.168.255.255', 'private, last'],
  ['100.64.0.1', 'shared address space, carrier-grade NAT (RFC 6598)'],
  ['100.127.255.255', 'shared address space, last'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback, high'],
  ['169.254.169.254', 'link-local: the cloud metadata service (RFC 3927)'],
  ['192.0.0.8', 'IETF protocol assignments (RFC 6890)'],
  ['192.0.2.1', 'TEST-NET-1 (RFC 5737)'],
  ['198.51.100.7', 'TEST-NET-2'],
  ['203.0.113.9', 'TEST-NET-3'],
  ['192.88.99.1', '6to4 relay anycast (RFC 7526)'],
  ['198.18.0.1', 'benchmarking (RFC 2544)'],
  ['198.19.255.255', 'benchmarking, last'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast (SSDP)'],
  ['240.0.0.1', 'reserved (RFC 1112)'],
  ['255.255.255.255', 'limited broadcast'],
];
const PUBLIC_V4 = [
  '8.8.8.8',
  '1.1.1.1',
  '9.9.9.9',
  '11.0.0.1',
  '172.15.255.255',
  '172.32.0.1',
  '192.167.255.255',
  '192.169.0.1', // just outside RFC 1918
  '100.63.255.255',
  '100.128.0.1',
  '126.255.255.255',
  '128.0.0.1',
  '169.253.255.255',
  '169.255.0.1',
  '198.17.255.255',
  '198.20.0.1',
  '223.255.255.254',
];
const NOT_PUBLIC_V6: Array<[string, string]> = [
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['::127.0.0.1', 'deprecated IPv4-compatible'],
  ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
  ['::ffff:8.8.8.8', 'IPv4-mapped: never connected to as IPv6'],
  ['100::1', 'discard-only (RFC 6666)'],
  ['2001::1', 'Teredo (RFC 4380)'],
  ['2001:2::1', 'benchmarking (RFC 5180)'],
  ['2001:db8::1', 'documentation (RFC 3849)'],
  ['2001:db8:ffff::1', 'documentation'],
  ['fc00::1', 'unique local (RFC 4193)'],
  ['fd12:3456:789a::1', 'unique local'],
  ['fe80::1', 'link-local'],
  ['febf::1', 'link-local, last /10'],
  ['fec0::1', 'site-local (deprecated)'],
  ['ff02::1', 'multicast, all nodes'],
  ['64:ff9b::7f00:1', 'NAT64 (RFC 6052) of 127.0.0.1'],
  ['64:ff9b::a9fe:a9fe', 'NAT64 of 169.254.169.254'],
  ['64:ff9b::192.168.1.1', 'NAT64 of 192.168.1.1, written with a dotted quad'],
  ['2002:7f00:1::', '6to4 (RFC 3056) of 127.0.0.1'],
  ['2002:a00:1::1', '6to4 of 10.0.0.1'],
];
const PUBLIC_V6 = [
  '2001:4860:4860::8888',
  '2606:4700:4700::1111',
  '2a00:1450:4001:82b::200e',
  '64:ff9b::808:808',
  '2002:808:808::1',
  '2001:db9::1',
];

describe('activities/adapters/outbound-address', () => {
  it('blocks every special-purpose IPv4 block', () => {
    for (const [address, why] of NOT_PUBLIC_V4) expect(isBlockedAddress(address), `${address}: ${why}`).to.equal(true);
  });

  it('lets public IPv4 addresses through, including those just outside a special block', () => {
    for (const address of PUBLIC_V4) expect(isBlockedAddress(address), address).to.equal(false);
  });

  it('blocks every special-purpose IPv6 block and IPv6 forms that lead to a blocked IPv4 address', () => {
    for (const [address, why] of NOT_PUBLIC_V6) expect(isBlockedAddress(address), `${address}: ${why}`).to.equal(true);
  });

  it('lets public IPv6 addresses through, including NAT64 and 6to4 forms of a public IPv4 address', () => {
    for (const address of PUBLIC_V6) expect(isBlockedAddress(address), address).to.equal(false);
  });

  it('blocks what is not an IP address (a name must be resolved first)', () => {
    for (const text of ['', 'localhost', 'example.com', '256.0.0.1', '1.2.3', '::g', '8.8.8.8:80', ' 8.8.8.8']) {
      expect(isBlockedAddress(text), JSON.stringify(text)).to.equal(true);
    }
  });

  it('with the loopback allowance (tests, local development) lets loopback through and nothing else', () => {
    // ::ffff:127.0.0.1 is loopback too, in its IPv4-mapped form.
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect(isBlockedAddress(address, 'loopback'), address).to.equal(false);
    for (const address of ['10.0.0.1', '169.254.169.254', '::ffff:10.0.0.1', '64:ff9b::7f00:1', '2002:7f00:1::', 'fe80::1']) {
      expect(isBlockedAddress(address, 'loopback'), address).to.equal(true);
    }
  });
});
