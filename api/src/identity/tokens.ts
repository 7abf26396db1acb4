import jwt from 'jsonwebtoken';

export type TokenUse = 'access' | 'refresh';

export interface StaffClaims {
  tenantId: string;
  userId: string;
  use: TokenUse;
}

const LIFETIME_SECONDS: Record<TokenUse, number> = { access: 15 * 60, refresh: 7 * 24 * 3600 };
const ISSUER = 'complaints-api';

/** Staff JWTs (HS256). The tenant travels in the token; the user's roles are re-read per request. */
export class TokenIssuer {
  constructor(private readonly secret: string) {}

  async sign(claims: StaffClaims): Promise<string> {
    return jwt.sign({ tid: claims.tenantId, use: claims.use }, this.secret, {
      algorithm: 'HS256',
      subject: claims.userId,
      issuer: ISSUER,
      expiresIn: LIFETIME_SECONDS[claims.use],
    });
  }

  /** Returns the claims, or null for a token that is forged, expired or of the wrong use. */
  async verify(token: string, use: TokenUse): Promise<StaffClaims | null> {
    try {
      const payload = jwt.verify(token, this.secret, { issuer: ISSUER, algorithms: ['HS256'] });
      if (typeof payload === 'string' || payload.use !== use || typeof payload.tid !== 'string' || !payload.sub) return null;
      return { tenantId: payload.tid, userId: payload.sub, use };
    } catch {
      return null;
    }
  }
}
