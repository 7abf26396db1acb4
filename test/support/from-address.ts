import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { GqlResponse } from './harness';

/**
 * A random loopback address other than 127.0.0.1 (everyone's), so budgets kept per caller address, shared
 * by every API process on the test database, start empty for this caller.
 */
export function freshLoopbackAddress(): string {
  const [a, b, c] = randomBytes(3);
  return `127.${(a % 254) + 1}.${b}.${(c % 254) + 1}`;
}

/** `gql` sent from `address`: what a caller behind another IP looks like to the API. */
export function gqlFrom<T = Record<string, any>>(
  address: string,
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  auth?: string,
): Promise<GqlResponse<T> & { retryAfterHeader?: string }> {
  const target = new URL(url);
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        localAddress: address,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(auth ? { authorization: auth } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            const retryAfter = res.headers['retry-after'];
            resolve({
              status: res.statusCode ?? 0,
              ...(JSON.parse(text) as object),
              ...(typeof retryAfter === 'string' ? { retryAfterHeader: retryAfter } : {}),
            });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
