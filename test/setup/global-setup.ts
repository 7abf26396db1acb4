import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmbeddedPostgres } from '../../api/src/dev/embedded/embedded-postgres';
import { locatePinnedTool } from '../../api/src/dev/embedded/pinned-tool';
import { findFreePort } from '../../api/src/dev/embedded/process-control';
import { TEMPORAL_CLI } from '../../api/src/dev/embedded/temporal-cli';
import { startTemporalDevServer } from '../../api/src/dev/embedded/temporal-dev-server';
import { TEMPORAL_TEST_SERVER } from './temporal-test-server';
import { stopTestStack, testStack } from './test-stack';

const repoRoot = resolve(__dirname, '../..');
const migrateScript = join(repoRoot, 'api/dist/cli/migrate.js');

/**
 * Starts a fresh PostgreSQL (temp dir, free port) and an in-memory, headless Temporal dev server,
 * migrates the database, and hands DATABASE_URL / TEMPORAL_ADDRESS to the test workers through the
 * environment. An address already in the environment is used as is. Locates (installing on first use)
 * the Temporal CLI and the time-skipping test server once per run, and hands their paths on the same way.
 */
export default async function globalSetup(): Promise<void> {
  const stack = testStack();
  if (!stack.signalsHooked) {
    // A Ctrl-C during the run must not orphan the servers.
    stack.signalsHooked = true;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => void stopTestStack().finally(() => process.exit(130)));
    }
  }
  try {
    const tools = [TEMPORAL_TEST_SERVER, ...(process.env.TEMPORAL_ADDRESS ? [] : [TEMPORAL_CLI])];
    for (const tool of tools) process.env[tool.envVariable] = await locatePinnedTool(tool);
    if (!process.env.DATABASE_URL) {
      stack.tempDir = await mkdtemp(join(tmpdir(), 'complaints-test-'));
      // mkdtemp makes the directory 0700; the server runs as the `postgres` user when we are root.
      await chmod(stack.tempDir, 0o755);
      const tempDir = stack.tempDir;
      stack.stops.push(() => rm(tempDir, { recursive: true, force: true }));
      const postgres = await startEmbeddedPostgres({
        dataDir: join(tempDir, 'postgres'),
        port: await findFreePort(),
        persistent: false,
      });
      process.env.DATABASE_URL = postgres.url;
      // Forget the URL with the server, so a watch-mode re-run starts a new one.
      stack.stops.push(() => postgres.stop().finally(() => delete process.env.DATABASE_URL));
    }
    if (!process.env.TEMPORAL_ADDRESS) {
      const temporal = await startTemporalDevServer({ cli: process.env[TEMPORAL_CLI.envVariable], port: await findFreePort() });
      process.env.TEMPORAL_ADDRESS = temporal.address;
      stack.stops.push(() => temporal.stop().finally(() => delete process.env.TEMPORAL_ADDRESS));
    }
    process.env.TEMPORAL_NAMESPACE ??= 'default';
    await migrate(process.env.DATABASE_URL);
  } catch (error) {
    await stopTestStack();
    throw error;
  }
}

function migrate(databaseUrl: string): Promise<void> {
  if (!existsSync(migrateScript)) {
    return Promise.reject(new Error(`${migrateScript} is missing: build first (\`npm test\` runs \`npm run build\`, or run \`npm run build\`).`));
  }
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [migrateScript], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolvePromise() : reject(new Error(`migrations failed (exit ${code ?? signal}):\n${output}`))));
  });
}
