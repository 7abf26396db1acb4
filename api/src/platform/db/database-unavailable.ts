/**
 * PostgreSQL could not serve the request: no pooled connection within the acquire timeout (a full pool or a
 * database that does not accept connections), a connection refused or cut, or a server shutting down or
 * starting up. Nothing about the request was wrong, so clients get SERVICE_UNAVAILABLE and may retry.
 */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  // PostgreSQL: connection exceptions (class 08) and operator intervention (57P01-57P03).
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
]);

const CONNECTION_MESSAGES = [/Timeout acquiring a connection/, /Connection terminated/, /connect ECONNREFUSED/, /Client has encountered a connection error/];

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const { name, message, code } = current as Error & { code?: unknown };
    if (name === 'KnexTimeoutError' || name === 'ConnectionException') return true;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    if (CONNECTION_MESSAGES.some((pattern) => pattern.test(message))) return true;
    current = (current as { cause?: unknown; originalError?: unknown }).cause ?? (current as { originalError?: unknown }).originalError;
  }
  return false;
}

/** Seconds a client should wait before retrying after the database was unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;
