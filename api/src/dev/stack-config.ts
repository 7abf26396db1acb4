import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';

/** Same depth from api/src/dev and api/dist/dev. */
export const repoRoot = resolve(__dirname, '../../..');
export const dataDir = join(repoRoot, '.data');

export const paths = {
  migrate: join(repoRoot, 'api/dist/cli/migrate.js'),
  seedDemo: join(repoRoot, 'api/dist/cli/seed-demo.js'),
  createOperator: join(repoRoot, 'api/dist/cli/create-operator.js'),
  api: join(repoRoot, 'api/dist/main.js'),
  worker: join(repoRoot, 'worker/dist/main.js'),
  adminUi: join(repoRoot, 'admin-ui'),
};

/** The Angular CLI of this repository (workspace-local or hoisted), never a global one. */
export function findAngularCli(): string | undefined {
  return [join(paths.adminUi, 'node_modules/.bin/ng'), join(repoRoot, 'node_modules/.bin/ng')].find((file) => existsSync(file));
}

/** Every file the launcher needs, so a missing build output fails before anything starts. */
export function missingPieces(): string[] {
  const missing = [paths.migrate, paths.seedDemo, paths.api, paths.worker, join(paths.adminUi, 'angular.json')].filter((file) => !existsSync(file));
  if (!findAngularCli()) missing.push('node_modules/.bin/ng (the Angular CLI; run npm ci)');
  return missing;
}

/** A dev-only JWT secret, generated once so tokens survive a restart. */
export async function devJwtSecret(): Promise<string> {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** A connection URL safe to print. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

export function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`${name}=${raw} is not a TCP port`);
  return port;
}

/** Resolves once something accepts TCP connections on localhost:port, or false after the timeout. */
export async function waitForPort(port: number, timeoutMs: number, isCancelled: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !isCancelled()) {
    const open = await new Promise<boolean>((done) => {
      const socket = connect({ host: 'localhost', port });
      socket.once('connect', () => (socket.destroy(), done(true)));
      socket.once('error', () => (socket.destroy(), done(false)));
    });
    if (open) return true;
    await new Promise((wake) => setTimeout(wake, 500));
  }
  return false;
}
