import { randomBytes } from 'node:crypto';
import { keyIdOf, SecretBox, SecretKeyError } from './secret-box';

describe('SecretBox', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const secret = 'whsec_abcdefghijklmnopqrstuvwxyz0123456789';

  it('stores no plaintext, a fresh IV each time, and the key id beside it', () => {
    const box = new SecretBox(newKey);
    const a = box.seal(secret, 'webhook:1');
    const b = box.seal(secret, 'webhook:1');
    expect(a).not.toContain(secret);
    expect(a).not.toContain(Buffer.from(secret).toString('base64url'));
    expect(a).not.toBe(b);
    expect(a.startsWith(`enc:v1:${keyIdOf(newKey)}:`)).toBe(true);
    expect(box.open(a, 'webhook:1')).toBe(secret);
  });

  it('opens values under the previous key after a rotation, and says they need resealing', () => {
    const sealedBefore = new SecretBox(oldKey).seal(secret, 'webhook:1');
    const rotated = new SecretBox(newKey, oldKey);
    expect(rotated.open(sealedBefore, 'webhook:1')).toBe(secret);
    expect(rotated.needsResealing(sealedBefore)).toBe(true);
    expect(rotated.needsResealing(rotated.seal(secret, 'webhook:1'))).toBe(false);
    expect(rotated.needsResealing(secret)).toBe(true);
  });

  it('refuses with a clear error: an unknown key, a wrong key under a known id, another row, a changed value, plaintext', () => {
    const sealed = new SecretBox(oldKey).seal(secret, 'webhook:1');
    expect(() => new SecretBox(newKey).open(sealed, 'webhook:1')).toThrow(
      new SecretKeyError(`The secret of webhook:1 is encrypted with key ${keyIdOf(oldKey)}, which is neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS`),
    );
    const forgedId = sealed.replace(keyIdOf(oldKey), keyIdOf(newKey));
    expect(() => new SecretBox(newKey).open(forgedId, 'webhook:1')).toThrow(/does not decrypt with key/);
    expect(() => new SecretBox(oldKey).open(sealed, 'webhook:2')).toThrow(/does not decrypt/);
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => new SecretBox(oldKey).open(tampered, 'webhook:1')).toThrow(SecretKeyError);
    expect(() => new SecretBox(oldKey).open(secret, 'webhook:1')).toThrow(/not encrypted; run the migration CLI/);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow('A secrets key is 32 bytes');
  });
});
