import { startApi } from './app/start-api';
import { loadConfig } from './platform/config';

async function main(): Promise<void> {
  const api = await startApi(loadConfig());
  console.log(`[api] GraphQL on ${api.url} (WebSocket on the same path)`);
  const stop = () => {
    void api.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('[api] failed to start', error);
  process.exit(1);
});
