import type { IncomingMessage, ServerResponse } from 'node:http';

const ALLOWED_HEADERS = 'authorization, content-type, apollo-require-preflight, x-request-id';

export interface SecurityHeaderOptions {
  /** Exact origins allowed cross-origin, or ['*'] (refused in production by the configuration). */
  corsOrigins: readonly string[];
  production: boolean;
}

/**
 * CORS for the configured origins only, and the usual headers for an API that serves no pages: nothing
 * may frame it, sniff its types or carry its URLs in a referrer. HSTS only in production behind TLS (the
 * TLS proxy says so in X-Forwarded-Proto). Credentials travel in the Authorization header, never cookies,
 * so no Allow-Credentials.
 */
export function securityHeaders({ corsOrigins, production }: SecurityHeaderOptions) {
  const anyOrigin = corsOrigins.includes('*');
  const allowed = new Set(corsOrigins);
  return (req: IncomingMessage, res: ServerResponse): void => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('content-security-policy', production ? "default-src 'none'; frame-ancestors 'none'" : "frame-ancestors 'none'");
    if (production && isTls(req)) res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
    res.setHeader('vary', 'Origin');
    const origin = req.headers.origin;
    if (origin && (anyOrigin || allowed.has(origin))) {
      res.setHeader('access-control-allow-origin', anyOrigin ? '*' : origin);
      res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      res.setHeader('access-control-expose-headers', 'x-request-id, retry-after');
      res.setHeader('access-control-max-age', '600');
    }
  };
}

function isTls(req: IncomingMessage): boolean {
  const forwarded = req.headers['x-forwarded-proto'];
  return ('encrypted' in req.socket && req.socket.encrypted === true) || (typeof forwarded === 'string' && forwarded.split(',')[0].trim() === 'https');
}
