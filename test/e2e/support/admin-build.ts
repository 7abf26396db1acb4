import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ADMIN_UI = resolve(__dirname, '../../../admin-ui');
export const ADMIN_DIST = join(ADMIN_UI, 'dist/admin-ui/browser');

/** Newest modification time under `path` (a file or a directory tree). */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/**
 * The production build of the admin UI, rebuilt only when something it is built from changed since
 * the last build: every file in src/, plus the build and TypeScript configuration, plus tenant-config's sources
 * (the UI imports its types and its closed-sets entry).
 */
export function ensureAdminBuild(log: (message: string) => void = () => undefined): void {
  const index = join(ADMIN_DIST, 'index.html');
  const inputs = ['src', 'public', 'angular.json', 'tsconfig.json', 'tsconfig.app.json', 'package.json', '../tenant-config/src']
    .map((p) => join(ADMIN_UI, p))
    .filter(existsSync);
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const source = Math.max(...inputs.map(newest));
  if (built > source) {
    log('admin-ui/dist is newer than its sources: not rebuilding');
    return;
  }
  log('building admin-ui (ng build, production)…');
  try {
    execFileSync('npx', ['ng', 'build', '--configuration', 'production'], {
      cwd: ADMIN_UI,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 300_000,
      env: { ...process.env, NG_CLI_ANALYTICS: 'false', CI: '1', NO_COLOR: '1' },
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    const output = `${stdout?.toString() ?? ''}\n${stderr?.toString() ?? ''}`.trim();
    throw new Error(`ng build failed:\n${output.slice(-4000)}`);
  }
}
