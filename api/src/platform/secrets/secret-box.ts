import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { AppConfig } from '../config';

const PREFIX = 'enc:v1';
const IV_BYTES = 12;

/** A stored secret that cannot be opened: unknown key, wrong key, tampered value, or never encrypted. */
export class SecretKeyError extends Error {
  override readonly name = 'SecretKeyError';
}

/** The id stored beside each ciphertext: names the key without revealing it (first 8 bytes of its SHA-256). */
export const keyIdOf = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 16);

/**
 * Secrets at rest (webhook signing secrets): AES-256-GCM under a key from the environment, stored as
 * `enc:v1:<key id>:<iv>:<tag>:<ciphertext>` (base64url). `context` is authenticated data naming the row the
 * secret belongs to, so a ciphertext copied onto another row does not open. New values are sealed with the
 * current key; values under the previous key still open until `needsResealing` has rewritten them.
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  constructor(current: Buffer, previous?: Buffer | null) {
    for (const key of [current, previous]) {
      if (key && key.length !== 32) throw new SecretKeyError('A secrets key is 32 bytes');
    }
    this.currentKeyId = keyIdOf(current);
    this.keys.set(this.currentKeyId, current);
    if (previous) this.keys.set(keyIdOf(previous), previous);
  }

  static fromConfig(config: Pick<AppConfig, 'secrets'>): SecretBox {
    return new SecretBox(config.secrets.key, config.secrets.previousKey);
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv).setAAD(Buffer.from(context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [PREFIX, this.currentKeyId, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join(':');
  }

  open(sealed: string, context: string): string {
    const parts = sealed.split(':');
    if (parts.length !== 6 || `${parts[0]}:${parts[1]}` !== PREFIX)
      throw new SecretKeyError(`The stored secret of ${context} is not encrypted; run the migration CLI, which encrypts it`);
    const [, , keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string, string];
    const key = this.keys.get(keyId);
    if (!key) throw new SecretKeyError(`The secret of ${context} is encrypted with key ${keyId}, which is neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url')).setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretKeyError(`The secret of ${context} does not decrypt with key ${keyId}: wrong key material or a changed value`);
    }
  }

  /** True for a plaintext value (stored before encryption) or one sealed under a key other than the current one. */
  needsResealing(stored: string): boolean {
    return !stored.startsWith(`${PREFIX}:${this.currentKeyId}:`);
  }
}

/** The dev/test key when SECRETS_KEY is unset; config refuses to use it in production. */
export const DEV_SECRETS_KEY = createHash('sha256').update('complaints-platform: development-only secrets key').digest();
