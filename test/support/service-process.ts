import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO = join(__dirname, '../..');

/** The API or the worker as its own process, from the build `npm test` makes. */
export const API_MAIN = join(REPO, 'api/dist/main.js');
export const WORKER_MAIN = join(REPO, 'worker/dist/main.js');

export interface ServiceProcess {
  child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code and signal. */
  exited: Promise<[number | null, NodeJS.Signals | null]>;
}

/** Spawns `script` and resolves once its output contains `readyLine` (rejects if it exits first or takes over `timeoutMs`). */
export async function spawnService(script: string, env: NodeJS.ProcessEnv, readyLine: string, timeoutMs = 30_000): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [script], {
    env: {
      ...process.env,
      JWT_SECRET: 'service-process-test-secret-0123456789',
      // Production refuses to start without a key for secrets at rest.
      SECRETS_KEY: Buffer.alloc(32, 1).toString('base64'),
      ATTACHMENTS_DIR: join(tmpdir(), 'complaints-test-attachments'),
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${output}`)), timeoutMs);
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(readyLine)) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    void exited.then(() => (clearTimeout(timer), reject(new Error(`${script} exited while starting:\n${output}`))));
  });
  return { child, output: () => output, exited };
}
