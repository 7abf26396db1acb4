/**
 * `npm run bench:peer`: this API against PostGraphile v5 over the same embedded PostgreSQL and the same
 * `bench:api` data. Both run as child processes (their CPU is read from /proc, with that of the PostgreSQL
 * backends each one's pool opened, told apart by application_name), both connect as the application role
 * (forced row-level security) and both take the tenant from the same access token. Each phase drives both
 * at once with the same number of clients each, their requests interleaved on the wire. Prints a table and ends
 * with one JSON line. BENCH_ROWS and DATABASE_URL as in bench:api; PEER_SECONDS is each phase's length.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findFreePort } from '@complaints/api/server';
import { loadConfig } from '@complaints/api';
import { openBenchTemporal, repoRoot } from './bench-database';
import { Cleanup } from './cleanup';
import { staffToken } from './bench-tenants';
import { openSeededBench } from './seeded-bench';
import { summarize, type LatencySummary } from './latency';
import { backendCpuMs, backendCpuSpent, cpuMs, startServerProcess, type ServerProcess } from './peer-processes';
import { preparePeerShapes, type PeerShape, type Target } from './peer-shapes';

const TOTAL_ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const PHASE_MS = Number(process.env.PEER_SECONDS ?? 8) * 1000;
const WARMUP_MS = 2_000;
const CLIENTS = [8, 32];
/** The same pool size for both: the API's default on this machine would differ per core count otherwise. */
const POOL_SIZE = 10;
const log = (line: string) => console.log(`[bench:peer] ${line}`);

interface Side {
  name: 'api' | 'postgraphile';
  appName: string;
  server: ServerProcess;
  target: Target;
}

interface SideFigures {
  perSecond: number;
  latency: LatencySummary;
  failed: number;
  processCpuMsPerRequest: number;
  postgresCpuMsPerRequest: number;
}

interface PhaseFigures {
  shape: string;
  clients: number;
  api: SideFigures;
  postgraphile: SideFigures;
  load: number;
}

async function main(): Promise<PhaseFigures[]> {
  const cleanup = new Cleanup(log);
  cleanup.stopOnSignals();
  try {
    const { db, env, admin, tenants } = await openSeededBench(log, cleanup, TOTAL_ROWS);
    const temporal = await openBenchTemporal(log);
    cleanup.add(temporal.stop);
    const appUrl = loadConfig({ ...process.env, ...env, DATABASE_URL: db.url }).appDatabaseUrl;

    const apiPort = await findFreePort();
    const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
    const api = await startServerProcess(
      join(repoRoot, 'api/dist/main.js'),
      {
        ...process.env,
        ...env,
        PORT: String(apiPort),
        DATABASE_URL: db.url,
        TEMPORAL_ADDRESS: temporal.address,
        API_DB_POOL_SIZE: String(POOL_SIZE),
        LOG_LEVEL: 'warn',
        PGAPPNAME: 'peer-api',
      },
      apiUrl,
      'the API',
    );
    cleanup.add(api.stop);
    const peerPort = await findFreePort();
    const peerUrl = `http://127.0.0.1:${peerPort}/graphql`;
    const peer = await startServerProcess(
      join(__dirname, 'peer-postgraphile.js'),
      {
        ...process.env,
        PORT: String(peerPort),
        JWT_SECRET: env.JWT_SECRET,
        PEER_DATABASE_URL: appUrl,
        PEER_POOL_SIZE: String(POOL_SIZE),
        NODE_ENV: 'production',
        PGAPPNAME: 'peer-postgraphile',
      },
      peerUrl,
      'PostGraphile',
    );
    cleanup.add(peer.stop);

    const reader = tenants[0];
    const token = await staffToken(apiUrl, reader);
    const sides: Side[] = [
      { name: 'api', appName: 'peer-api', server: api, target: { url: apiUrl, token } },
      { name: 'postgraphile', appName: 'peer-postgraphile', server: peer, target: { url: peerUrl, token } },
    ];
    const { rows: sample } = await admin.query<{ number: string }>('select number from complaints where tenant_id = $1 order by random() limit 400', [
      reader.id,
    ]);
    const shapes = await preparePeerShapes({ tenantId: reader.id, numbers: sample.map((r) => r.number), api: sides[0].target, peer: sides[1].target, log });

    const phases: PhaseFigures[] = [];
    for (const shape of shapes) {
      for (const clients of CLIENTS) {
        const phase = await runPhase(admin, sides, shape, clients);
        phases.push(phase);
        printPhase(phase);
      }
    }
    return phases;
  } finally {
    await cleanup.run();
  }
}

/**
 * `clients` loops against each side, all running at once: the two share the machine at every moment, and
 * neither side's speed paces the other's clients (a loop alternating sides would make both equally fast).
 */
async function runPhase(admin: Parameters<typeof backendCpuMs>[0], sides: Side[], shape: PeerShape, clients: number): Promise<PhaseFigures> {
  const appNames = sides.map((s) => s.appName);
  const drive = async (ms: number, record: boolean) => {
    const durations = sides.map(() => [] as number[]);
    const failed = sides.map(() => 0);
    const deadline = performance.now() + ms;
    const loop = async (index: number, client: number) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const t0 = performance.now();
        try {
          await shape.call(sides[index].name, n * clients + client);
          if (record) durations[index].push(performance.now() - t0);
        } catch {
          failed[index]++;
        }
      }
    };
    await Promise.all(Array.from({ length: clients * sides.length }, (_, i) => loop(i % sides.length, Math.floor(i / sides.length))));
    return { durations, failed };
  };
  await drive(WARMUP_MS, false);
  const processBefore = sides.map((s) => cpuMs(s.server.pid));
  const backendsBefore = await backendCpuMs(admin, appNames);
  const started = performance.now();
  const { durations, failed } = await drive(PHASE_MS, true);
  const seconds = (performance.now() - started) / 1000;
  const processAfter = sides.map((s) => cpuMs(s.server.pid));
  const backendsAfter = await backendCpuMs(admin, appNames);
  const figures = sides.map((side, i): SideFigures => {
    const completed = durations[i].length;
    const postgres = backendCpuSpent(backendsBefore.get(side.appName) ?? new Map(), backendsAfter.get(side.appName) ?? new Map());
    return {
      perSecond: completed / seconds,
      latency: summarize(durations[i]),
      failed: failed[i],
      processCpuMsPerRequest: (processAfter[i] - processBefore[i]) / completed,
      postgresCpuMsPerRequest: postgres / completed,
    };
  });
  return { shape: shape.name, clients, api: figures[0], postgraphile: figures[1], load: loadavg()[0] };
}

function printPhase(p: PhaseFigures): void {
  const side = (name: string, f: SideFigures) =>
    `${name.padEnd(12)} ${f.perSecond.toFixed(0).padStart(6)} req/s  p50 ${f.latency.p50.toFixed(2).padStart(7)} ms  p99 ${f.latency.p99
      .toFixed(2)
      .padStart(7)} ms  cpu/req: process ${f.processCpuMsPerRequest.toFixed(2)} ms, postgres ${f.postgresCpuMsPerRequest.toFixed(2)} ms` +
    (f.failed ? `  FAILED ${f.failed}` : '');
  console.log('');
  console.log(`${p.shape}, ${p.clients} clients (load average ${p.load.toFixed(2)})`);
  console.log(`  ${side('api', p.api)}`);
  console.log(`  ${side('postgraphile', p.postgraphile)}`);
  console.log(
    `  ratio api/postgraphile: throughput ${(p.api.perSecond / p.postgraphile.perSecond).toFixed(2)}x, p99 ${(p.api.latency.p99 / p.postgraphile.latency.p99).toFixed(2)}x`,
  );
}

const round = (value: number) => Math.round(value * 100) / 100;

main().then(
  (phases) => {
    // The last line of output, for machines.
    console.log(
      JSON.stringify({
        phases: phases.map((p) => ({
          shape: p.shape,
          clients: p.clients,
          load_avg_1m: round(p.load),
          throughput_ratio: round(p.api.perSecond / p.postgraphile.perSecond),
          p99_ratio: round(p.api.latency.p99 / p.postgraphile.latency.p99),
          api_per_s: round(p.api.perSecond),
          api_p50_ms: round(p.api.latency.p50),
          api_p99_ms: round(p.api.latency.p99),
          api_cpu_ms: round(p.api.processCpuMsPerRequest),
          api_pg_cpu_ms: round(p.api.postgresCpuMsPerRequest),
          api_failed: p.api.failed,
          pgl_per_s: round(p.postgraphile.perSecond),
          pgl_p50_ms: round(p.postgraphile.latency.p50),
          pgl_p99_ms: round(p.postgraphile.latency.p99),
          pgl_cpu_ms: round(p.postgraphile.processCpuMsPerRequest),
          pgl_pg_cpu_ms: round(p.postgraphile.postgresCpuMsPerRequest),
          pgl_failed: p.postgraphile.failed,
        })),
      }),
    );
    process.exit(0);
  },
  (error: unknown) => {
    console.error('[bench:peer] failed:', error);
    process.exit(1);
  },
);
