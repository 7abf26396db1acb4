/**
 * `npm start`: the whole stack on one command. PostgreSQL and Temporal come from DATABASE_URL /
 * TEMPORAL_ADDRESS, or are started embedded with their data under .data/; then migrations, the demo
 * tenant, the API, the worker and the admin UI dev server. One Ctrl-C stops all of it.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmbeddedPostgres } from './embedded/embedded-postgres';
import { findTemporalCli } from './embedded/temporal-cli';
import { startTemporalDevServer } from './embedded/temporal-dev-server';
import { prefixedWriter, runToCompletion, ServiceProcess } from './child-process-group';
import { ServiceRegistry } from './leftover-processes';
import { dataDir, devJwtSecret, findAngularCli, missingPieces, paths, portFromEnv, repoRoot, waitForPort, withoutPassword } from './stack-config';

const NAME_WIDTH = 8;
const say = prefixedWriter('stack', NAME_WIDTH);

/** Stops are run newest first: UI, worker, API, then Temporal, then PostgreSQL. */
const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
let shuttingDown: Promise<never> | undefined;
const registry = new ServiceRegistry(join(dataDir, 'run'), repoRoot);

function shutdown(exitCode: number, reason: string): Promise<never> {
  return (shuttingDown ??= (async () => {
    say(reason);
    const pending = stops.splice(0).reverse();
    if (pending.length > 0) say(`stopping ${pending.map(({ name }) => name).join(', ')}`);
    for (const { name, stop } of pending) {
      await stop().catch((error: unknown) => say(`stopping ${name} failed: ${String(error)}`));
    }
    if (pending.length > 0) say('all stopped');
    process.exit(exitCode);
  })());
}

/** A long-running piece that ends while the stack is up takes the stack down with it. */
function watch(name: string, exited: Promise<unknown>): void {
  void exited.then(async (how) => {
    // A terminal's Ctrl-C also reaches PostgreSQL (it shares our process group); let our own
    // SIGINT handler claim the shutdown first.
    await new Promise((wake) => setTimeout(wake, 300));
    if (!shuttingDown) void shutdown(1, `${name} exited unexpectedly (${JSON.stringify(how ?? {})})`);
  });
}

/** Registers a spawned service for the ordered shutdown and for leftover cleanup after a crash. */
function supervise(service: ServiceProcess): ServiceProcess {
  const { name, pid } = service;
  if (pid !== undefined) void registry.record(name, pid);
  void service.exited.then(() => registry.forget(name));
  stops.push({ name, stop: () => service.stop().then(() => registry.forget(name)) });
  return service;
}

function spawnNode(name: string, script: string, env: NodeJS.ProcessEnv, nodeFlags: string[] = []): ServiceProcess {
  return supervise(new ServiceProcess(name, process.execPath, [...nodeFlags, script], { cwd: repoRoot, env, write: prefixedWriter(name, NAME_WIDTH) }));
}

/**
 * A larger young generation for the API: each request allocates briefly-lived objects, and with the default
 * 16 MiB semi-space too many survive into old-generation collections, and GC pauses grow with them (figures
 * under load: README, "Figures behind the defaults"). The Dockerfile and the benchmark scripts pass the same flag.
 */
const API_NODE_FLAGS = ['--max-semi-space-size=64'];

/** A one-shot step (migrations, seed): must exit 0 before the stack goes on. */
async function runStep(name: string, script: string, env: NodeJS.ProcessEnv): Promise<void> {
  await runToCompletion(spawnNode(name, script, env));
  stops.splice(
    stops.findIndex((entry) => entry.name === name),
    1,
  );
}

async function startDatabase(): Promise<string> {
  if (process.env.DATABASE_URL) {
    say(`postgres  ${withoutPassword(process.env.DATABASE_URL)} (DATABASE_URL)`);
    return process.env.DATABASE_URL;
  }
  const port = portFromEnv('EMBEDDED_PG_PORT', 5433);
  const requested = join(dataDir, 'postgres');
  const postgres = await startEmbeddedPostgres({ dataDir: requested, port, persistent: true });
  stops.push({ name: 'postgres', stop: postgres.stop });
  watch('postgres', postgres.exited);
  const where = postgres.dataDir === requested ? '.data/postgres' : `${postgres.dataDir}, linked from .data/postgres`;
  say(`postgres  ${withoutPassword(postgres.url)} (embedded, data in ${where})`);
  return postgres.url;
}

async function startTemporal(): Promise<string> {
  if (process.env.TEMPORAL_ADDRESS) {
    say(`temporal  ${process.env.TEMPORAL_ADDRESS} (TEMPORAL_ADDRESS)`);
    return process.env.TEMPORAL_ADDRESS;
  }
  const temporal = await startTemporalDevServer({
    cli: await findTemporalCli({ report: say }),
    port: 7233,
    uiPort: 8233,
    dbFile: join(dataDir, 'temporal.db'),
    pidFile: join(dataDir, 'temporal.pid'),
  });
  stops.push({ name: 'temporal', stop: temporal.stop });
  watch('temporal', temporal.exited);
  say(`temporal  ${temporal.address}, Web UI ${temporal.uiUrl} (dev server, data in .data/temporal.db)`);
  return temporal.address;
}

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void shutdown(signal === 'SIGINT' ? 130 : 143, `${signal} received`));
  }
  const missing = missingPieces();
  if (missing.length > 0) {
    throw new Error(`cannot start, missing:\n  ${missing.join('\n  ')}\nRun \`npm run build\` (npm start does) and check the workspace is complete.`);
  }
  await mkdir(dataDir, { recursive: true });
  const leftovers = await registry.stopLeftovers();
  if (leftovers.length > 0) say(`stopped ${leftovers.join(', ')} left running by an earlier run that was killed`);

  const apiPort = portFromEnv('PORT', 4000);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: await startDatabase(),
    TEMPORAL_ADDRESS: await startTemporal(),
    TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE ?? 'default',
    PORT: String(apiPort),
    JWT_SECRET: process.env.JWT_SECRET ?? (await devJwtSecret()),
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    // The children write to the launcher's pipes, not a terminal: ask for readable lines behind the prefix.
    LOG_FORMAT: process.env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
  };

  await runStep('migrate', paths.migrate, env);
  await runStep('seed', paths.seedDemo, env);
  // The first platform operator, without SQL: read once here, a no-op when it already exists.
  if (env.OPERATOR_EMAIL && env.OPERATOR_PASSWORD) await runStep('operator', paths.createOperator, env);

  const api = spawnNode('api', paths.api, env, API_NODE_FLAGS);
  const worker = spawnNode('worker', paths.worker, env);
  const ng = findAngularCli()!;
  const adminUi = supervise(
    new ServiceProcess('admin-ui', ng, ['serve', '--port', '4200'], {
      cwd: paths.adminUi,
      env: { ...env, NG_CLI_ANALYTICS: 'false' },
      write: prefixedWriter('admin-ui', NAME_WIDTH),
    }),
  );
  for (const service of [api, worker, adminUi]) watch(service.name, service.exited);

  say(`worker    polling Temporal at ${env.TEMPORAL_ADDRESS} (namespace ${env.TEMPORAL_NAMESPACE})`);
  const stopped = () => shuttingDown !== undefined;
  void waitForPort(apiPort, 120_000, stopped).then((up) => up && say(`api       http://localhost:${apiPort}/graphql`));
  void waitForPort(4200, 300_000, stopped).then((up) => up && say('admin-ui  http://localhost:4200'));
}

main().catch((error: unknown) => shutdown(1, error instanceof Error ? error.message : String(error)));
