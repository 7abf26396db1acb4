import WebSocket from 'ws';

/** The graphql-transport-ws protocol, spoken directly: 10,000 full client libraries would measure the client. */
export interface RawSubscriber {
  socket: WebSocket;
  /** Called with each `next` payload's data. */
  onData?: (data: Record<string, any>) => void;
  /** Called with an operation's errors (a refused subscribe, a failed resolver). */
  onError?: (errors: unknown) => void;
  subscribe(id: string, query: string, variables: Record<string, unknown>): void;
  complete(id: string): void;
  closed: Promise<number>;
}

export function openSubscriber(wsUrl: string, authorization: string): Promise<RawSubscriber> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    let resolveClosed!: (code: number) => void;
    const subscriber: RawSubscriber = {
      socket,
      subscribe: (id, query, variables) => socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } })),
      complete: (id) => socket.send(JSON.stringify({ id, type: 'complete' })),
      closed: new Promise((r) => (resolveClosed = r)),
    };
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
    socket.on('message', (raw) => {
      const message = JSON.parse((raw as Buffer).toString());
      if (message.type === 'connection_ack') resolve(subscriber);
      else if (message.type === 'next' && message.payload.errors) subscriber.onError?.(message.payload.errors);
      else if (message.type === 'next') subscriber.onData?.(message.payload.data);
      else if (message.type === 'error') subscriber.onError?.(message.payload);
      else if (message.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
    });
    socket.on('close', (code) => {
      resolveClosed(code);
      reject(new Error(`closed with ${code} before acknowledgement`));
    });
    socket.on('error', reject);
  });
}

/** Opens `count` subscribers, `parallel` handshakes at a time. */
export async function openMany(count: number, parallel: number, open: (i: number) => Promise<RawSubscriber>): Promise<RawSubscriber[]> {
  const all: RawSubscriber[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const i = next++;
        all[i] = await open(i);
      }
    }),
  );
  return all;
}
