import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface LiveSubscription<T> {
  /** The next payload, waiting up to `timeoutMs`. */
  next(timeoutMs?: number): Promise<T>;
  /** Resolves with nothing arriving in `ms` (for "no event leaked" checks). */
  nothingWithin(ms: number): Promise<T[]>;
  errors: unknown[];
  close(): Promise<void>;
}

export interface LiveConnection {
  client: Client;
  /** The close code the server ended the socket with, once it did. */
  closed: Promise<number>;
  subscribe<T = any>(query: string, variables?: Record<string, unknown>): LiveSubscription<T>;
  dispose(): Promise<void>;
}

export function connectLive(httpUrl: string, authorization?: string): LiveConnection {
  let resolveClosed!: (code: number) => void;
  const closed = new Promise<number>((r) => (resolveClosed = r));
  const client = createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 0,
    lazy: false,
    on: { closed: (event) => resolveClosed((event as { code: number }).code) },
    onNonLazyError: () => undefined,
  });
  return {
    client,
    closed,
    subscribe<T>(query: string, variables: Record<string, unknown> = {}): LiveSubscription<T> {
      const queue: T[] = [];
      const errors: unknown[] = [];
      let waiter: (() => void) | undefined;
      const unsubscribe = client.subscribe<T>(
        { query, variables },
        {
          next: (value) => {
            if (value.errors) errors.push(...value.errors);
            if (value.data) queue.push(value.data);
            waiter?.();
          },
          error: (error) => {
            errors.push(error);
            waiter?.();
          },
          complete: () => undefined,
        },
      );
      return {
        errors,
        async next(timeoutMs = 5000) {
          const deadline = Date.now() + timeoutMs;
          while (!queue.length) {
            if (errors.length) throw new Error(`subscription failed: ${JSON.stringify(errors)}`);
            const left = deadline - Date.now();
            if (left <= 0) throw new Error('no subscription event arrived in time');
            await new Promise<void>((r) => {
              waiter = r;
              setTimeout(r, left);
            });
          }
          return queue.shift()!;
        },
        async nothingWithin(ms) {
          await new Promise((r) => setTimeout(r, ms));
          return queue.splice(0);
        },
        close: () => Promise.resolve(unsubscribe()),
      };
    },
    dispose: () => client.dispose(),
  };
}
