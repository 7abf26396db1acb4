/** The closed set of error codes clients can rely on (`extensions.code`). */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  /** An operation over the cost limit, refused before anything runs. */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** A service the API depends on (Temporal) did not answer; the same request may succeed later. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  /** The tenant is suspended by the platform operator: its staff, API keys and portal are refused until resumed. */
  TENANT_SUSPENDED = 'TENANT_SUSPENDED',
}

export interface FieldError {
  path: string;
  message: string;
}

/**
 * A failure whose message is written for clients. Not a GraphQLError, so domain code (and the worker) loads no
 * graphql: graphql-js and Apollo copy an original error's `extensions` onto the error they report.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly extensions: { code: ErrorCode } & Record<string, unknown>;

  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.extensions = { code, ...extra };
  }
}

export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this') => new AppError(ErrorCode.FORBIDDEN, message);
export const unauthenticated = (message = 'Sign in first') => new AppError(ErrorCode.UNAUTHENTICATED, message);
export const conflict = (message: string) => new AppError(ErrorCode.CONFLICT, message);
export const badInput = (errors: FieldError[], message = errors.map((e) => e.message).join('; ')) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, { errors });
/** `retryAfter`: seconds after which the same request may succeed (also sent as the Retry-After header where HTTP allows). */
export const serviceUnavailable = (message: string, retryAfter: number) => new AppError(ErrorCode.SERVICE_UNAVAILABLE, message, { retryAfter });
export const tenantSuspended = () => new AppError(ErrorCode.TENANT_SUSPENDED, 'This tenant is suspended; contact the platform operator');
