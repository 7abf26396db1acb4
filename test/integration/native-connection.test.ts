import { createServer, connect, type Server, type Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { LazyNativeConnection } from '../../api/src/lifecycle/native-connection';
import { findFreePort } from '../../api/src/dev/embedded/process-control';
import { testConfig } from '../support/harness';

/**
 * The API's Temporal connection against the real dev server, reached through a loopback relay this test
 * opens and closes: Temporal "down" is a port nobody listens on.
 */
let port: number;
let relay: Server | undefined;
const sockets = new Set<Socket>();

function openRelay(): Promise<void> {
  const [host, target] = testConfig().temporal.address.split(':') as [string, string];
  relay = createServer((inbound) => {
    const outbound = connect(Number(target), host);
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  return new Promise((resolve) => relay!.listen(port, '127.0.0.1', resolve));
}

beforeAll(async () => {
  port = await findFreePort();
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => (relay ? relay.close(resolve) : resolve(undefined)));
});

describe('LazyNativeConnection', () => {
  it('is made without Temporal, fails calls while it is down, and connects on the first call after it is up', async () => {
    const connection = new LazyNativeConnection(`127.0.0.1:${port}`);
    const client = new Client({ connection });
    const workflowId = `native-connection-${randomUUID()}`;
    try {
      const down = await client.workflow
        .getHandle(workflowId)
        .describe()
        .catch((error: Error) => error);
      expect(String((down as Error).cause)).toMatch(/connect error/);

      await openRelay();
      await expect(client.workflow.getHandle(workflowId).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
      const handle = await client.workflow.start('complaintLifecycle', { taskQueue: `native-connection-${randomUUID()}`, workflowId, args: [] });
      expect((await handle.describe()).workflowId).toBe(workflowId);
      // The SDK's typed errors come through the native client as through the JavaScript one.
      await expect(client.workflow.start('complaintLifecycle', { taskQueue: 'unused', workflowId, args: [] })).rejects.toBeInstanceOf(
        WorkflowExecutionAlreadyStartedError,
      );
      await handle.terminate('test done');
    } finally {
      await connection.close();
    }
  }, 60_000);
});
