import { type DocumentNode, print } from 'graphql';
import { type Client, createClient } from 'graphql-ws';

/** `/graphql` on the page's own host, as ws:// or wss://. */
export function websocketUrl(path = '/graphql'): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${path}`;
}

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/**
 * A graphql-ws client that reconnects forever and reports its state. `authorization` is read at each
 * (re)connect, so a refreshed staff token is picked up.
 */
export function createLiveClient(authorization: () => string | null, onStatus: (status: LiveStatus) => void): Client {
  let everConnected = false;
  return createClient({
    url: websocketUrl(),
    connectionParams: () => {
      const value = authorization();
      return value ? { authorization: value } : {};
    },
    lazy: true,
    keepAlive: 15_000,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, 15_000))),
    on: {
      connecting: () => onStatus(everConnected ? 'reconnecting' : 'connecting'),
      connected: () => {
        everConnected = true;
        onStatus('live');
      },
      closed: () => onStatus(everConnected ? 'reconnecting' : 'connecting'),
    },
  });
}

export interface CursorCarrier {
  cursor: string;
}

/**
 * Subscribes to a feed whose single root field yields `{ cursor, … }`, remembering the last cursor.
 * graphql-ws re-sends the same payload object when it reconnects, so updating `variables.after` in
 * place makes every reconnect resume right after the last event seen, with nothing missed or repeated.
 * Returns the unsubscribe function.
 */
export function followFeed<T extends CursorCarrier>(
  client: Client,
  document: DocumentNode,
  variables: Record<string, unknown>,
  onUpdate: (update: T) => void,
  onError: (message: string) => void = () => undefined,
): () => void {
  const payload = { query: print(document), variables: { ...variables } as Record<string, unknown> };
  const seen = new Set<string>();
  return client.subscribe<Record<string, T>>(payload, {
    next: (result) => {
      if (result.errors?.length) {
        onError(result.errors.map((e) => e.message).join('; '));
        return;
      }
      const update = result.data ? Object.values(result.data)[0] : undefined;
      if (!update || seen.has(update.cursor)) return;
      seen.add(update.cursor);
      payload.variables['after'] = update.cursor;
      onUpdate(update);
    },
    error: (error) => onError(describe(error)),
    complete: () => undefined,
  });
}

function describe(error: unknown): string {
  if (Array.isArray(error)) return error.map((e: { message?: string }) => e.message ?? JSON.stringify(e)).join('; ');
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error && 'reason' in error) return String(error.reason);
  return String(error);
}

/** The payload of a JWT, unverified: the portal reads its complaint id from its own token. */
export function jwtSubject(token: string): string | null {
  try {
    const part = token.split('.')[1];
    if (!part) return null;
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const payload = JSON.parse(json) as { sub?: unknown };
    return typeof payload.sub === 'string' ? payload.sub : null;
  } catch {
    return null;
  }
}
