import { availableParallelism } from 'node:os';
import { loadConfig } from './config';

const base = { DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:5433/complaints' };

describe('loadConfig', () => {
  it('sizes the API pool from the cores unless API_DB_POOL_SIZE says otherwise', () => {
    expect(loadConfig(base).apiDbPoolSize).toBe(2 * availableParallelism() + 2);
    expect(loadConfig({ ...base, API_DB_POOL_SIZE: '3' }).apiDbPoolSize).toBe(3);
  });

  it('rejects a pool size that is not a positive whole number, naming the variable', () => {
    for (const size of ['0', '-2', '2.5', 'many']) {
      expect(() => loadConfig({ ...base, API_DB_POOL_SIZE: size })).toThrow(/API_DB_POOL_SIZE/);
    }
  });

  it('derives the application login from the admin URL', () => {
    const url = new URL(loadConfig({ ...base, APP_DB_PASSWORD: 'app-password-1' }).appDatabaseUrl);
    expect([url.username, url.password, url.port, url.pathname]).toEqual(['complaints_app', 'app-password-1', '5433', '/complaints']);
  });

  it('reads the secrets keys, refuses one that is not 32 bytes, and refuses production without one', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ ...base, SECRETS_KEY: key }).secrets).toEqual({ key: Buffer.alloc(32, 7), previousKey: null });
    expect(() => loadConfig({ ...base, SECRETS_KEY_PREVIOUS: Buffer.alloc(16).toString('base64') })).toThrow(
      /SECRETS_KEY_PREVIOUS: must be base64 of 32 bytes/,
    );
    const production = { ...base, NODE_ENV: 'production', JWT_SECRET: 'a-real-production-secret-0123' };
    expect(() => loadConfig(production)).toThrow('SECRETS_KEY must be set in production');
    expect(loadConfig({ ...production, SECRETS_KEY: key }).secrets.key).toEqual(Buffer.alloc(32, 7));
    expect(loadConfig(base).secrets.key).toHaveLength(32);
  });
});
