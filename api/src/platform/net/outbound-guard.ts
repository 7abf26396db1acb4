import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { AppConfig } from '../config';
import { addressRefusal } from './address-policy';
import { OutboundAllowList } from './allow-list';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name resolves to (`dns.lookup` with `all`, so /etc/hosts counts as it does for a socket). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolver: HostResolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

const SAVE_LOOKUP_BUDGET_MS = 2_000;

/** A refused outbound URL. The message names the rule, never the address a name resolved to. */
export class OutboundRefusedError extends Error {
  override readonly name = 'OutboundRefusedError';
}

/** By name, not `instanceof`: the worker and tests may load this module twice (package entry and source). */
export const isOutboundRefusal = (error: unknown): error is OutboundRefusedError =>
  typeof error === 'object' && error !== null && (error as Error).name === 'OutboundRefusedError';

export interface OutboundTarget {
  url: URL;
  /** The checked address the connection must use (DNS is not asked again, so it cannot be rebound). */
  address: ResolvedAddress;
}

/**
 * The one door for platform-initiated HTTP (tenant webhooks, the notification provider): http(s) only, no
 * credentials in the URL, and every address the host resolves to must be public unicast unless the
 * operator's allow-list names the host or the address. Callers connect to `OutboundTarget.address`.
 */
export class OutboundGuard {
  constructor(
    private readonly allowList = new OutboundAllowList(),
    private readonly resolve: HostResolver = systemResolver,
    private readonly lookupTimeoutMs = 5_000,
  ) {}

  /** The process's guard, from the configured allow-list (a malformed entry stops the start). */
  static fromConfig(config: Pick<AppConfig, 'outbound'>): OutboundGuard {
    return new OutboundGuard(new OutboundAllowList(config.outbound.allowedHosts));
  }

  /**
   * The checks that need no DNS; an IP literal (in any form the URL parser normalizes: `2130706433`,
   * `0x7f.1`, `[::ffff:7f00:1]`) is judged here already.
   */
  shapeProblem(raw: string): string | null {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return 'Not a URL';
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Use an http or https URL';
    if (url.username || url.password) return 'Put no credentials in the URL; verify the signature instead';
    const literal = ipLiteral(url);
    if (literal && !this.allowList.allowsAddress(literal)) {
      const refusal = addressRefusal(literal);
      if (refusal) return refusedMessage(`This URL points at ${refusal}`);
    }
    return null;
  }

  /**
   * At save time: the shape checks, then the host's addresses. A name that does not resolve (yet), or not
   * within the short budget of a request that holds a database transaction, is accepted; delivery checks
   * again anyway.
   */
  async saveProblem(raw: string): Promise<string | null> {
    const shape = this.shapeProblem(raw);
    if (shape) return shape;
    try {
      await this.target(raw, SAVE_LOOKUP_BUDGET_MS);
      return null;
    } catch (error) {
      return isOutboundRefusal(error) ? error.message : null;
    }
  }

  /** At connection time: resolves once, checks every address, and returns the one to connect to. */
  async target(raw: string, lookupTimeoutMs = this.lookupTimeoutMs): Promise<OutboundTarget> {
    const problem = this.shapeProblem(raw);
    if (problem) throw new OutboundRefusedError(problem);
    const url = new URL(raw);
    const literal = ipLiteral(url);
    if (literal) return { url, address: { address: literal, family: isIP(literal) === 6 ? 6 : 4 } };
    const addresses = await this.lookup(url.hostname, lookupTimeoutMs);
    if (!addresses.length) throw new Error(`${url.hostname} has no address`);
    if (!this.allowList.allowsHost(url.hostname)) {
      for (const { address } of addresses) {
        if (this.allowList.allowsAddress(address)) continue;
        const refusal = addressRefusal(address);
        if (refusal) throw new OutboundRefusedError(refusedMessage(`${url.hostname} resolves to ${refusal}`));
      }
    }
    return { url, address: addresses[0] };
  }

  private lookup(hostname: string, timeoutMs: number): Promise<ResolvedAddress[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`looking up ${hostname} took longer than ${timeoutMs} ms`), { code: 'ETIMEOUT' })), timeoutMs);
    });
    return Promise.race([this.resolve(hostname), timeout]).finally(() => clearTimeout(timer));
  }
}

/** The URL's host as a bare IP address, when it is one (the URL parser has already normalized it). */
function ipLiteral(url: URL): string | null {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return isIP(host) ? host : null;
}

const refusedMessage = (reason: string) => `${reason}; the platform only calls public addresses`;
