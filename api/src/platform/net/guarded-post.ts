import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isOutboundRefusal, type OutboundGuard, type ResolvedAddress } from './outbound-guard';

/**
 * How much of an answer is kept: enough for a receiver's error message ("invalid signature"), too little to
 * carry a document out. The guard keeps internal services out of reach; this bounds what an allow-listed
 * or public host's reply can put into a tenant-readable log.
 */
export const RESPONSE_EXCERPT_CHARS = 200;
/** Bytes read from an answer before the connection is dropped. */
const MAX_RESPONSE_BYTES = 4_096;

export interface GuardedResponse {
  status: number;
  /** At most RESPONSE_EXCERPT_CHARS characters of the body, control characters removed. */
  excerpt: string;
}

export interface GuardedPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/**
 * One POST through the guard: resolve and check once, then connect to exactly that address (the socket's
 * `lookup` answers with it, so the TLS name, certificate check and Host header stay the original host's).
 * Redirects are not followed: a 3xx is an answer like any other non-2xx.
 */
export async function guardedPost(guard: OutboundGuard, post: GuardedPost): Promise<GuardedResponse> {
  const { url, address } = await guard.target(post.url);
  const options: RequestOptions = {
    method: 'POST',
    headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
    lookup: pinnedLookup(address),
    agent: false,
    signal: AbortSignal.timeout(post.timeoutMs),
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<GuardedResponse>((resolve, reject) => {
    const req = send(url, options, (res) => void readExcerpt(res).then((excerpt) => resolve({ status: res.statusCode ?? 0, excerpt }), reject));
    req.on('error', reject);
    req.end(post.body);
  });
}

/** A `lookup` that never asks DNS: it answers with the address the guard checked. */
export function pinnedLookup(checked: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) (callback as (err: null, addresses: ResolvedAddress[]) => void)(null, [checked]);
    else callback(null, checked.address, checked.family);
  };
}

function readExcerpt(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(excerptOf(Buffer.concat(chunks).toString('utf8')));
    res.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= MAX_RESPONSE_BYTES) {
        res.destroy();
        done();
      }
    });
    res.on('end', done);
    res.on('error', reject);
  });
}

export function excerptOf(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return [...text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')].slice(0, RESPONSE_EXCERPT_CHARS).join('').trim();
}

/** What a tenant- or staff-readable log may say about a failed call: the rule or the error code, never an address. */
export function outboundFailure(error: unknown): string {
  if (isOutboundRefusal(error)) return error.message;
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  if (name === 'AbortError' || name === 'TimeoutError') return 'timed out';
  return typeof code === 'string' ? `connection failed (${code})` : 'connection failed';
}
