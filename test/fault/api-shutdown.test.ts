import WebSocket from 'ws';
import { findFreePort } from '../../api/src/dev/embedded/process-control';
import { API_MAIN, spawnService } from '../support/service-process';

const DRAIN_MS = 2_000;
const CLIENTS = 4;

/**
 * SIGTERM under keep-alive traffic: the API stops accepting, answers what is in flight with
 * `Connection: close`, closes WebSockets as going away (1001) and exits 0 within its drain time, however
 * hard the clients keep sending.
 */
it('exits 0 within SHUTDOWN_DRAIN_MS while keep-alive clients keep sending, closing WebSockets with 1001', async () => {
  const port = await findFreePort();
  const api = await spawnService(API_MAIN, { NODE_ENV: 'production', PORT: String(port), SHUTDOWN_DRAIN_MS: String(DRAIN_MS) }, 'GraphQL on');
  const url = `http://127.0.0.1:${port}/graphql`;
  let signalledAt = 0;
  let answeredAfterSignal = 0;
  let closeHeaders = 0;
  let running = true;
  const loadEnd = Date.now() + 20_000;
  const client = async () => {
    while (running && Date.now() < loadEnd) {
      try {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
        await res.text();
        if (signalledAt) {
          answeredAfterSignal++;
          if (res.headers.get('connection') === 'close') closeHeaders++;
        }
      } catch {
        if (signalledAt) return; // refused or cut: the API has stopped serving
      }
    }
  };
  const load = Array.from({ length: CLIENTS }, client);
  await new Promise((r) => setTimeout(r, 500));

  const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const wsClosed = new Promise<number>((resolve) => socket.once('close', resolve));

  signalledAt = Date.now();
  api.child.kill('SIGTERM');
  const [code, signal] = await api.exited;
  const stoppedMs = Date.now() - signalledAt;
  running = false;
  await Promise.all(load);

  expect({ code, signal }).toEqual({ code: 0, signal: null });
  expect(stoppedMs).toBeLessThan(DRAIN_MS + 1_500);
  expect(await wsClosed).toBe(1001);
  // At most the request each connection had in flight, plus one already on its way; once the API saw the signal, each says close.
  expect(answeredAfterSignal).toBeLessThanOrEqual(CLIENTS * 2);
  expect(answeredAfterSignal - closeHeaders).toBeLessThanOrEqual(CLIENTS);
}, 60_000);
