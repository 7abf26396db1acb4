import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Resource } from '@opentelemetry/resources';
import { DefaultLogger, Runtime, Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import { historyFromFile } from '../testing/history-file';
import { tracingPlugins } from '../lifecycle-worker';

/**
 * Replays histories recorded from real runs (worker/test-histories, written by the lifecycle integration
 * tests with RECORD_HISTORIES=1) against today's workflow code. A change that would make a running
 * complaint's workflow non-deterministic fails here; guard such changes with `patched()`.
 */
const HISTORIES = join(__dirname, '../../test-histories');

jest.setTimeout(120_000);

async function replayFailures(options: Partial<ReplayWorkerOptions> = {}): Promise<string[]> {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Installed already in this jest worker.
  }
  const files = existsSync(HISTORIES) ? readdirSync(HISTORIES).filter((f) => f.endsWith('.json')) : [];
  expect(files.length).toBeGreaterThan(0);
  const histories = files.map((file) => ({ workflowId: file, history: historyFromFile(readFileSync(join(HISTORIES, file), 'utf8')) }));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories(
    { workflowsPath: require.resolve('./index'), replayName: 'complaint-lifecycle', ...options },
    histories,
  )) {
    if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
  }
  return failures;
}

it("today's workflow code replays every recorded complaint history", async () => {
  expect(await replayFailures()).toEqual([]);
});

it('the histories replay with the OpenTelemetry workflow interceptors bundled in, as a traced worker runs them', async () => {
  const tracing = { resource: new Resource({ 'service.name': 'replay' }), spanProcessor: new SimpleSpanProcessor(new InMemorySpanExporter()) };
  expect(await replayFailures({ plugins: tracingPlugins(tracing) })).toEqual([]);
});
