import ipaddr from 'ipaddr.js';

/**
 * The operator's exceptions to the outbound address policy (`OUTBOUND_ALLOWED_HOSTS`): host names (exact,
 * case-insensitive, e.g. `localhost`), IP addresses and CIDR ranges (`127.0.0.1`, `10.20.0.0/16`, `::1`).
 * Dev and tests use it to reach local receivers; production uses it for an internal SMS gateway, if any.
 * Empty by default: nothing private is reachable unless someone wrote it down.
 */
export class OutboundAllowList {
  private readonly hosts = new Set<string>();
  private readonly ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];

  constructor(entries: readonly string[] = []) {
    for (const raw of entries) {
      const entry = raw.trim().toLowerCase();
      if (!entry) continue;
      if (entry.includes('/')) this.ranges.push(parseRange(entry));
      else if (ipaddr.isValid(entry) && isCanonicalAddress(entry))
        this.ranges.push(ipaddr.parseCIDR(`${entry}/${ipaddr.parse(entry).kind() === 'ipv4' ? 32 : 128}`));
      else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(entry)) this.hosts.add(entry);
      else throw new Error(`OUTBOUND_ALLOWED_HOSTS: '${raw}' is neither a host name, an IP address nor a CIDR range`);
    }
  }

  /** From the comma-separated setting. */
  static parse(setting: string | undefined): OutboundAllowList {
    return new OutboundAllowList((setting ?? '').split(','));
  }

  allowsHost(hostname: string): boolean {
    return this.hosts.has(hostname.toLowerCase());
  }

  allowsAddress(address: string): boolean {
    if (!ipaddr.isValid(address)) return false;
    const parsed = ipaddr.process(address);
    return this.ranges.some(([base, bits]) => base.kind() === parsed.kind() && parsed.match(base, bits));
  }
}

function parseRange(entry: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  try {
    return ipaddr.parseCIDR(entry);
  } catch {
    throw new Error(`OUTBOUND_ALLOWED_HOSTS: '${entry}' is not a CIDR range`);
  }
}

/** ipaddr.js also reads `2130706433` or `0x7f.1` as IPv4; in a setting those are typos, not addresses. */
function isCanonicalAddress(entry: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(entry) || (entry.includes(':') && ipaddr.IPv6.isValid(entry));
}
