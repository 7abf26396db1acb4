/**
 * Temporal dev server cost per workflow start (`npm run bench:temporal-start`), per SQLite journal setting
 * and Go scheduler thread count:
 * the server's CPU time per start and starts/s, 32 concurrent starts of the lifecycle workflow with an
 * intake-sized input, on a fresh server each (its cost grows as its store fills). No worker runs; the
 * workflows wait in their task queue. The client is the API's (the SDK's native connection). Ends with one
 * JSON line of the figures.
 *
 * Environment: BENCH_STARTS (3000).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@temporalio/client';
import { findFreePort, LazyNativeConnection, startTemporalDevServer } from '@complaints/api/server';
import { inParallel } from './latency';

const STARTS = Number(process.env.BENCH_STARTS ?? 3000);
const CLIENTS = 32;
const WARMUP = 200;

/** goMaxProcs null: the dev server's default (half the cores); the last rows are Go's own default, one per core. */
const SETTINGS: { store: 'file' | 'memory'; pragmas: string[]; goMaxProcs: number | null; note: string }[] = [
  { store: 'file', pragmas: [], goMaxProcs: null, note: 'SQLite default journal' },
  { store: 'file', pragmas: ['journal_mode=wal', 'synchronous=normal'], goMaxProcs: null, note: 'npm start' },
  { store: 'memory', pragmas: [], goMaxProcs: null, note: 'SQLite default in-memory journal' },
  { store: 'memory', pragmas: ['journal_mode=off'], goMaxProcs: null, note: 'tests and benchmarks' },
  { store: 'file', pragmas: ['journal_mode=wal', 'synchronous=normal'], goMaxProcs: cpus().length, note: 'Go default: a scheduler thread per core' },
  { store: 'memory', pragmas: ['journal_mode=off'], goMaxProcs: cpus().length, note: 'Go default: a scheduler thread per core' },
];

const log = (line: string) => console.error(`[bench:temporal-start] ${line}`);
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
/** User + system CPU of a process, in ms (clock ticks are 10 ms on Linux). */
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

async function measure(setting: (typeof SETTINGS)[number]) {
  const dir = await mkdtemp(join(tmpdir(), 'temporal-start-bench-'));
  const server = await startTemporalDevServer({
    port: await findFreePort(),
    dbFile: setting.store === 'file' ? join(dir, 'temporal.db') : undefined,
    sqlitePragmas: setting.pragmas,
    goMaxProcs: setting.goMaxProcs ?? undefined,
  });
  const connection = new LazyNativeConnection(server.address);
  try {
    const client = new Client({ connection });
    const taskQueue = `start-bench-${randomUUID().slice(0, 8)}`;
    const input = {
      tenantId: randomUUID(),
      complaintId: randomUUID(),
      number: 'CP-20261123-000001',
      severity: 'minor',
      priority: 0,
      teamCode: 'frontline',
      assigneeId: null,
      intakeAt: new Date().toISOString(),
    };
    const run = (n: number) =>
      inParallel(n, CLIENTS, () => client.workflow.start('complaintLifecycle', { taskQueue, workflowId: randomUUID(), args: [input] }));
    await run(WARMUP);
    const cpuBefore = cpuMs(server.pid!);
    const started = performance.now();
    await run(STARTS);
    const seconds = (performance.now() - started) / 1000;
    return { ...setting, serverCpuMsPerStart: round((cpuMs(server.pid!) - cpuBefore) / STARTS), startsPerSecond: round(STARTS / seconds, 1) };
  } finally {
    await connection.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const loadAtStart = loadavg();
  const results = [];
  for (const setting of SETTINGS) {
    const result = await measure(setting);
    log(
      `${setting.store} [${setting.pragmas.join(', ') || 'defaults'}] GOMAXPROCS ${setting.goMaxProcs ?? 'default'} (${setting.note}): ${result.serverCpuMsPerStart} ms server CPU per start, ${result.startsPerSecond} starts/s`,
    );
    results.push(result);
  }
  console.table(results);
  console.log(
    JSON.stringify({
      bench: 'temporal-start',
      starts: STARTS,
      clients: CLIENTS,
      results,
      machine: { cores: cpus().length, loadAverageAtStart: loadAtStart.map((l) => round(l)), loadAverageAtEnd: loadavg().map((l) => round(l)) },
    }),
  );
}

main().catch((error: unknown) => {
  console.error('[bench:temporal-start] failed:', error);
  process.exit(1);
});
