import WebSocket from 'ws';

export interface WsOutcome {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  /** Set when the server closed the socket instead of answering. */
  closeCode?: number;
}

/**
 * One operation over the graphql-transport-ws protocol, spoken by hand so every refusal is visible:
 * connection_init, subscribe, then the first `next` or `error`, or the close code the server ended with
 * (nothing at all, `{}`, when a subscription stays silent for `timeoutMs`).
 */
export function wsOnce(
  httpUrl: string,
  connectionParams: Record<string, unknown>,
  query: string,
  variables: Record<string, unknown> = {},
  timeoutMs = 10_000,
): Promise<WsOutcome> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done({}), timeoutMs);
    const socket = new WebSocket(httpUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    let settled = false;
    const done = (outcome: WsOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.close();
      resolve(outcome);
    };
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: connectionParams })));
    socket.on('close', (code) => done({ closeCode: code }));
    socket.on('message', (raw) => {
      const message = JSON.parse((raw as Buffer).toString());
      if (message.type === 'connection_ack') socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
      else if (message.type === 'next') done({ data: message.payload.data, errors: message.payload.errors });
      else if (message.type === 'error') done({ errors: message.payload });
      else if (message.type === 'complete') done({});
    });
  });
}
