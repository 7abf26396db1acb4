import type { Server } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { openRequestContext, type OpenContext } from '../request-context';
import type { Services } from '../services';

/** Close code sent when `connection_init` carries a bad credential. */
export const CLOSE_UNAUTHENTICATED = 4401;

type ConnectionParams = {
  authorization?: string;
};

/**
 * graphql-ws on the HTTP server's own port and path. The credential is checked at connection_init;
 * each operation then gets a fresh context (EM fork, transaction, tenant), never one per socket.
 */
export function attachWebSocket(server: Server, schema: GraphQLSchema, root: EntityManager, services: Services): () => Promise<void> {
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const open = new Map<string, OpenContext>();
  const finish = async (key: string, ok: boolean) => {
    const entry = open.get(key);
    open.delete(key);
    await entry?.finish(ok);
  };
  const keyOf = (socketId: unknown, id: string) => `${String(socketId)}:${id}`;
  let socketSeq = 0;
  const socketIds = new WeakMap<object, number>();
  const socketId = (extra: object) => {
    if (!socketIds.has(extra)) socketIds.set(extra, ++socketSeq);
    return socketIds.get(extra);
  };

  const cleanup = useServer<ConnectionParams>(
    {
      schema,
      onConnect: async (ctx) => {
        try {
          const probe = await openRequestContext(root, services, ctx.connectionParams?.authorization);
          await probe.finish(false);
          return true;
        } catch (error) {
          if (error instanceof GraphQLError) {
            ctx.extra.socket.close(CLOSE_UNAUTHENTICATED, error.message.slice(0, 120));
            return false;
          }
          throw error;
        }
      },
      context: async (ctx, id) => {
        const opened = await openRequestContext(root, services, ctx.connectionParams?.authorization);
        open.set(keyOf(socketId(ctx.extra), id), opened);
        return opened.ctx;
      },
      onError: (ctx, id) => finish(keyOf(socketId(ctx.extra), id), false),
      onComplete: (ctx, id) => finish(keyOf(socketId(ctx.extra), id), true),
    },
    wss,
  );
  return async () => {
    await cleanup.dispose();
    await Promise.all([...open.keys()].map((k) => finish(k, false)));
  };
}
