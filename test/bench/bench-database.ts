import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { findFreePort, startEmbeddedPostgres, startTemporalDevServer } from '@complaints/api/server';

export const repoRoot = resolve(__dirname, '../../..');

export interface BenchDatabase {
  /** Owner/superuser URL: migrations and the bulk seed use it. */
  url: string;
  /** True when this process started the server (and so must stop it). */
  embedded: boolean;
  stop: () => Promise<void>;
}

/**
 * DATABASE_URL when given; otherwise an embedded PostgreSQL in a persistent directory
 * (.data/bench-pg, or BENCH_PG_DIR) so the one-million-row seed is paid once, not every run.
 */
export async function openBenchDatabase(log: (line: string) => void): Promise<BenchDatabase> {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, embedded: false, stop: async () => {} };
  const dataDir = resolve(process.env.BENCH_PG_DIR ?? join(repoRoot, '.data/bench-pg'));
  await mkdir(resolve(dataDir, '..'), { recursive: true, mode: 0o755 });
  log(`starting embedded PostgreSQL in ${dataDir}`);
  const postgres = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), persistent: true, database: 'complaints_bench' });
  return { url: postgres.url, embedded: true, stop: () => postgres.stop() };
}

/** Runs the compiled migrate CLI exactly as deployments do. */
export function migrate(databaseUrl: string, env: NodeJS.ProcessEnv): Promise<string> {
  const script = join(repoRoot, 'api/dist/cli/migrate.js');
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script], {
      cwd: repoRoot,
      env: { ...process.env, ...env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code, signal) => (code === 0 ? done(output.trim()) : fail(new Error(`migrations failed (exit ${code ?? signal}):\n${output}`))));
  });
}

export interface BenchTemporal {
  address: string;
  stop: () => Promise<void>;
}

/**
 * TEMPORAL_ADDRESS when given; otherwise an in-memory, headless dev server. Intake starts each
 * complaint's lifecycle workflow right after commit, so submitComplaint is only realistic with one.
 * No worker runs: the workflows wait in their task queue, which the intake does not notice.
 */
export async function openBenchTemporal(log: (line: string) => void): Promise<BenchTemporal> {
  const given = process.env.TEMPORAL_ADDRESS;
  if (given) return { address: given, stop: async () => {} };
  log('starting a Temporal dev server (in memory)');
  const temporal = await startTemporalDevServer({ port: await findFreePort() });
  return { address: temporal.address, stop: () => temporal.stop() };
}
