import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { historyFromFile } from '../testing/history-file';

/**
 * Replays histories recorded from real runs (worker/test-histories, written by the lifecycle integration
 * tests with RECORD_HISTORIES=1) against today's workflow code. A change that would make a running
 * complaint's workflow non-deterministic fails here; guard such changes with `patched()`.
 */
const HISTORIES = join(__dirname, '../../test-histories');

jest.setTimeout(120_000);

it('today\'s workflow code replays every recorded complaint history', async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Installed already in this jest worker.
  }
  const files = existsSync(HISTORIES) ? readdirSync(HISTORIES).filter((f) => f.endsWith('.json')) : [];
  expect(files.length).toBeGreaterThan(0);
  const histories = files.map((file) => ({ workflowId: file, history: historyFromFile(readFileSync(join(HISTORIES, file), 'utf8')) }));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowsPath: require.resolve('./index'), replayName: 'complaint-lifecycle' }, histories)) {
    if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
  }
  expect(failures).toEqual([]);
});
