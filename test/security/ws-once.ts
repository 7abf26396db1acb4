import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface WsOutcome {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  /** Set when the server closed the socket instead of answering. */
  closeCode?: number;
}

/** One operation over graphql-ws: its first result, its errors, or the close code the server ended with. */
export function wsOnce(httpUrl: string, connectionParams: Record<string, unknown>, query: string, variables: Record<string, unknown> = {}): Promise<WsOutcome> {
  return new Promise((resolve) => {
    const client = createClient({
      url: httpUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams,
      retryAttempts: 0,
      lazy: true,
      on: { closed: (event) => done({ closeCode: (event as { code: number }).code }) },
    });
    let settled = false;
    const done = (outcome: WsOutcome) => {
      if (settled) return;
      settled = true;
      void client.dispose();
      resolve(outcome);
    };
    client.subscribe(
      { query, variables },
      {
        next: (value) => done({ data: value.data as Record<string, unknown> | null | undefined, errors: value.errors as WsOutcome['errors'] }),
        error: (error) => done(Array.isArray(error) ? { errors: error } : { closeCode: (error as { code?: number }).code ?? -1 }),
        complete: () => done({}),
      },
    );
  });
}
