import ipaddr from 'ipaddr.js';

/**
 * Cloud metadata endpoints on addresses that are otherwise ordinary public unicast (Azure's wireserver).
 * The others (169.254.169.254, fd00:ec2::254, 100.100.100.200) already fall in refused ranges.
 */
const METADATA_ADDRESSES = new Set(['168.63.129.16']);

/**
 * Why an outbound connection to this IP address is refused, or null when it is public unicast. ipaddr.js
 * names the special-purpose ranges (loopback, private, carrierGradeNat, linkLocal, multicast, unspecified,
 * broadcast, reserved, uniqueLocal, ipv4Mapped, rfc6052/NAT64, 6to4, teredo, ...); anything but `unicast`
 * is refused, so a range ipaddr.js learns later is refused too. IPv4-mapped addresses are judged as the IPv4
 * address they carry, for a clearer reason; the deprecated IPv4-compatible form (::/96) is classified as
 * unicast by ipaddr.js and refused here.
 */
export function addressRefusal(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  if (range !== 'unicast') return `a ${RANGE_WORDS[range] ?? range} address`;
  if (parsed.kind() === 'ipv6' && isIpv4Compatible(parsed as ipaddr.IPv6)) return 'an IPv4-compatible IPv6 address';
  if (METADATA_ADDRESSES.has(parsed.toNormalizedString())) return 'a cloud metadata address';
  return null;
}

function isIpv4Compatible(address: ipaddr.IPv6): boolean {
  return address.parts.slice(0, 6).every((part) => part === 0);
}

const RANGE_WORDS: Record<string, string> = {
  loopback: 'loopback',
  private: 'private (RFC 1918)',
  carrierGradeNat: 'carrier-grade NAT',
  linkLocal: 'link-local',
  multicast: 'multicast',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  reserved: 'reserved',
  uniqueLocal: 'unique-local',
  rfc6052: 'NAT64',
  rfc6145: 'IPv4-translated',
  '6to4': '6to4',
  teredo: 'Teredo',
};
