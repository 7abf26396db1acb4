import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** API keys look like `ck_<prefix>_<secret>`: the prefix finds the row, the secret proves possession. */
export function generateApiKey(): { prefix: string; secret: string; token: string; secretHash: string } {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  return { prefix, secret, token: `ck_${prefix}_${secret}`, secretHash: hashSecret(secret) };
}

export function parseApiKey(token: string): { prefix: string; secret: string } | null {
  const match = /^ck_([0-9a-f]{12})_([A-Za-z0-9_-]{20,64})$/.exec(token);
  return match ? { prefix: match[1], secret: match[2] } : null;
}

/** SHA-256 suffices: the secret is 192 random bits, not a human password. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
