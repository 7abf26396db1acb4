import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

export type TokenUse = 'access' | 'refresh' | 'portal' | 'operator';

/**
 * For staff tokens `subject` is the user id and `session` the sign-in they descend from; a refresh token
 * also carries its `generation` in that session. For portal tokens `subject` is the one complaint's id. Operator
 * tokens belong to no tenant: `tenantId` is empty and `subject` is the operator's id.
 */
export interface TokenClaims {
  tenantId: string;
  subject: string;
  use: TokenUse;
  session?: string;
  generation?: number;
}

const LIFETIME_SECONDS: Record<TokenUse, number> = { access: 15 * 60, refresh: 7 * 24 * 3600, portal: 30 * 60, operator: 60 * 60 };
const ISSUER = 'complaints-api';

/** HS256 JWTs. The tenant travels in the token; what the subject may do is re-read per request. */
export class TokenIssuer {
  /** A key object, not the string: jsonwebtoken otherwise tries to parse the string as a PEM key on every call. */
  private readonly secret: KeyObject;

  constructor(secret: string) {
    this.secret = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  /**
   * `issuedAt` pins the token's `iat` (and so its `exp`): the same claims issued at the same second sign to
   * the very same token, which is how a retried refresh gets back the successor it already received.
   */
  // eslint-disable-next-line @typescript-eslint/require-await -- callers await the token service; HS256 happens to sign synchronously
  async sign(claims: TokenClaims, issuedAt?: Date): Promise<string> {
    const payload = {
      tid: claims.tenantId,
      use: claims.use,
      ...(claims.session === undefined ? {} : { sid: claims.session }),
      ...(claims.generation === undefined ? {} : { gen: claims.generation }),
      ...(issuedAt ? { iat: Math.floor(issuedAt.getTime() / 1000) } : {}),
    };
    return jwt.sign(payload, this.secret, {
      algorithm: 'HS256',
      subject: claims.subject,
      issuer: ISSUER,
      expiresIn: LIFETIME_SECONDS[claims.use],
    });
  }

  /** The claims, or null for a token that is forged or expired. */
  // eslint-disable-next-line @typescript-eslint/require-await -- as sign(): an asynchronous contract, a synchronous HS256 check
  async verify(token: string): Promise<(TokenClaims & { expiresAt: Date }) | null> {
    try {
      const payload = jwt.verify(token, this.secret, { issuer: ISSUER, algorithms: ['HS256'] });
      if (typeof payload === 'string' || typeof payload.tid !== 'string' || !payload.sub || !payload.exp) return null;
      const use: unknown = payload.use;
      if (use !== 'access' && use !== 'refresh' && use !== 'portal' && use !== 'operator') return null;
      if ((use === 'operator') !== (payload.tid === '')) return null;
      const session = typeof payload.sid === 'string' ? payload.sid : undefined;
      const generation = Number.isSafeInteger(payload.gen) ? (payload.gen as number) : undefined;
      return { tenantId: payload.tid, subject: payload.sub, use, session, generation, expiresAt: new Date(payload.exp * 1000) };
    } catch {
      return null;
    }
  }
}

export const PORTAL_TOKEN_SECONDS = LIFETIME_SECONDS.portal;
export const OPERATOR_TOKEN_SECONDS = LIFETIME_SECONDS.operator;
