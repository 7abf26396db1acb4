import { startApi, type RunningApi } from '../../api/src/app/start-api';
import { findFreePort } from '../../api/src/dev/embedded/process-control';
import { testConfig } from '../support/harness';
import { PlugPuller } from './support/plug-puller';

let proxy: PlugPuller;
let api: RunningApi;

const opsUrl = (path: string) => api.url.replace(/\/graphql$/, path);
const readiness = async () => {
  const res = await fetch(opsUrl('/readyz'));
  return { status: res.status, body: (await res.json()) as { ready: boolean; checks: Record<string, unknown> } };
};

beforeAll(async () => {
  const shared = new URL(testConfig().adminDatabaseUrl);
  proxy = new PlugPuller(await findFreePort(), { host: shared.hostname, port: Number(shared.port) });
  await proxy.plugIn();
  const viaProxy = new URL(shared);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  api = await startApi(testConfig({ DATABASE_URL: viaProxy.toString() }), 0);
}, 60_000);

afterAll(async () => {
  // The API's shutdown talks to PostgreSQL: a failed test may have left the plug out.
  if (proxy && !proxy.pluggedIn) await proxy.plugIn();
  await api?.close();
  await proxy?.pull();
});

describe('readiness', () => {
  it('/readyz fails while PostgreSQL is unreachable and recovers when it is back, while /healthz stays up', async () => {
    expect(await readiness()).toMatchObject({ status: 200, body: { ready: true, checks: { postgres: 'ok', migrations: 'ok' } } });

    await proxy.pull();
    expect(await readiness()).toMatchObject({ status: 503, body: { ready: false, checks: { postgres: { error: expect.any(String) } } } });
    expect((await fetch(opsUrl('/healthz'))).status).toBe(200);

    await proxy.plugIn();
    const deadline = Date.now() + 20_000;
    let back = await readiness();
    while (back.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      back = await readiness();
    }
    expect(back).toMatchObject({ status: 200, body: { ready: true, checks: { postgres: 'ok', migrations: 'ok' } } });
  });
});
