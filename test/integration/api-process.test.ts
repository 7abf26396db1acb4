import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../../api/src/dev/embedded/process-control';

/** The API as its own process (`api/dist/main.js`, built by `npm test`), in production mode. */
describe('API process', () => {
  it('stops on SIGTERM through its own shutdown and exits 0, not killed by a re-raised signal', async () => {
    const child = spawn(process.execPath, [join(__dirname, '../../api/dist/main.js')], {
      env: { ...process.env, NODE_ENV: 'production', PORT: String(await findFreePort()), JWT_SECRET: 'api-process-test-secret-0123456789', SECRETS_KEY: Buffer.alloc(32, 1).toString('base64'), ATTACHMENTS_DIR: join(tmpdir(), 'complaints-test-attachments') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, 'exit');
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the API did not start:\n${output}`)), 30_000);
      child.stdout.on('data', () => output.includes('GraphQL on') && (clearTimeout(timer), resolve()));
      void exited.then(() => (clearTimeout(timer), reject(new Error(`the API exited while starting:\n${output}`))));
    });

    child.kill('SIGTERM');
    const [code, signal] = await exited;
    expect({ code, signal, output }).toEqual({ code: 0, signal: null, output: expect.not.stringContaining('Error') });
  }, 60_000);
});
