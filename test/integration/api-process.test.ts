import { findFreePort } from '../../api/src/dev/embedded/process-control';
import { API_MAIN, spawnService } from '../support/service-process';

/** The API as its own process (`api/dist/main.js`, built by `npm test`), in production mode. */
describe('API process', () => {
  it('stops on SIGTERM through its own shutdown and exits 0, not killed by a re-raised signal', async () => {
    const api = await spawnService(
      API_MAIN,
      { NODE_ENV: 'production', PORT: String(await findFreePort()), JWT_SECRET: 'api-process-test-secret-0123456789' },
      'GraphQL on',
    );

    api.child.kill('SIGTERM');
    const [code, signal] = await api.exited;
    expect({ code, signal, output: api.output() }).toEqual({ code: 0, signal: null, output: expect.not.stringContaining('Error') });
  }, 60_000);
});
