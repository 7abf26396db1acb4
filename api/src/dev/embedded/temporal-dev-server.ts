import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { Connection } from '@temporalio/client';
import { commandLineOf, isProcessAlive, OutputTail, terminate } from './process-control';
import { findTemporalCli } from './temporal-cli';

interface TemporalDevServerOptions {
  port: number;
  /** Web UI port; omitted = headless (no UI). */
  uiPort?: number;
  /** SQLite file for state that survives restarts; omitted = in memory. */
  dbFile?: string;
  /** Records the server's pid so a later start can stop a server orphaned by a killed run. */
  pidFile?: string;
  namespace?: string;
  readyTimeoutMs?: number;
  /** Receives the server's output lines (log level warn); silent by default. */
  onLog?: (line: string) => void;
  /** SQLite pragmas instead of the defaults below (bench:temporal-start compares them). */
  sqlitePragmas?: string[];
  /** Path of the `temporal` binary; default: findTemporalCli(), which installs it on first use. */
  cli?: string;
  /** Go scheduler threads for the server (GOMAXPROCS); default below, or the GOMAXPROCS environment variable. */
  goMaxProcs?: number;
}

interface TemporalDevServer {
  /** host:port of the frontend gRPC service. */
  address: string;
  /** Web UI URL, when started with a UI. */
  uiUrl?: string;
  /** The server's process id (for resource figures). */
  pid: number | undefined;
  /** Resolves when the server process ends, whether stopped or crashed. */
  exited: Promise<void>;
  stop: () => Promise<void>;
}

/** Starts `temporal server start-dev` and resolves once the namespace answers over gRPC. */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const { port, uiPort, dbFile, pidFile, namespace = 'default', readyTimeoutMs = 60_000 } = options;
  const cli = options.cli ?? (await findTemporalCli());
  if (pidFile) await stopOrphan(pidFile);

  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--namespace', namespace, '--log-level', 'warn'];
  args.push(...(uiPort === undefined ? ['--headless'] : ['--ui-port', String(uiPort)]));
  args.push(...(dbFile ? ['--db-filename', dbFile] : []), ...(options.sqlitePragmas ?? sqlitePragmas(dbFile)).flatMap((pragma) => ['--sqlite-pragma', pragma]));
  // Task-queue partitions spread a queue over matching hosts; a one-process dev server has one, and
  // the default four only multiply its work (server CPU on every workflow start; figures: README).
  for (const setting of ['matching.numTaskqueueReadPartitions=1', 'matching.numTaskqueueWritePartitions=1']) {
    args.push('--dynamic-config-value', setting);
  }

  // Own process group: a terminal's Ctrl-C reaches the launcher, which stops servers in order.
  const env = { ...process.env, GOMAXPROCS: String(options.goMaxProcs ?? (process.env.GOMAXPROCS || defaultGoMaxProcs())) };
  const child = spawn(cli, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  const tail = new OutputTail();
  const onOutput = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    tail.push(text);
    if (options.onLog) for (const line of text.split(/\r?\n/)) if (line.trim()) options.onLog(line);
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnFailed = new Promise<never>((_, reject) => child.once('error', reject));
  if (pidFile && child.pid) await writeFile(pidFile, `${child.pid}\n`);

  const address = `127.0.0.1:${port}`;
  const stop = async () => {
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      await terminate(child.pid, { signal: 'SIGTERM', graceMs: 10_000, group: true });
    }
    if (pidFile) await rm(pidFile, { force: true });
  };

  const died = Promise.race([exited, spawnFailed]).then(() => {
    throw new Error(`temporal server start-dev exited before it was ready (${cli} ${args.join(' ')}):\n${tail.toString()}`);
  });
  died.catch(() => undefined); // observed through the race below; later deaths surface via `exited`
  try {
    await Promise.race([waitForNamespace(address, namespace, readyTimeoutMs), died]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { address, uiUrl: uiPort === undefined ? undefined : `http://localhost:${uiPort}`, pid: child.pid, exited, stop };
}

/**
 * SQLite journaling, compared per workflow start by `npm run bench:temporal-start` (server CPU; figures in
 * the README's benchmark table). Most of a start is the visibility insert, which touches dozens of index
 * pages, each copied to the rollback journal first:
 * - a file: the default rollback journal fsyncs every commit; WAL with normal sync keeps commits atomic and
 *   the file consistent after a crash, for much less CPU per start;
 * - in memory: nothing survives the process, so a journal protects nothing a crash could leave behind, only
 *   ROLLBACK, which Temporal's SQL store issues when a condition fails, and it checks them before it writes.
 *   No journal is the cheapest setting of all.
 */
function sqlitePragmas(dbFile: string | undefined): string[] {
  return dbFile ? ['journal_mode=wal', 'synchronous=normal'] : ['journal_mode=off'];
}

/**
 * The dev server shares its machine with the API, PostgreSQL and the worker. With one Go scheduler thread
 * per core, its idle threads spin looking for work and wake each other, CPU the other processes need.
 * `npm run bench:temporal-start` shows one thread using less server CPU per start, while two threads peak
 * higher when a core is free. Under intake the machine is busy and CPU is what counts: paired intake runs
 * took more intakes per second with one thread (figures: README, "Figures behind the defaults").
 */
function defaultGoMaxProcs(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}

async function waitForNamespace(address: string, namespace: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address, connectTimeout: 2_000 });
      await connection.workflowService.describeNamespace({ namespace });
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    } finally {
      await connection?.close().catch(() => undefined);
    }
  }
  throw new Error(`Temporal at ${address} did not serve namespace "${namespace}" within ${timeoutMs} ms: ${String(lastError)}`);
}

/** Stops a dev server that a killed run left holding the port and the SQLite file. */
async function stopOrphan(pidFile: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(await readFile(pidFile, 'utf8'), 10);
  if (Number.isInteger(pid) && pid > 0 && isProcessAlive(pid) && commandLineOf(pid)?.includes('start-dev')) {
    await terminate(pid, { signal: 'SIGTERM', graceMs: 10_000, group: true });
  }
  await rm(pidFile, { force: true });
}
