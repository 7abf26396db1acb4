import type { Server } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  GraphQLError,
  OperationTypeNode,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Principal } from '../../platform/auth/principal';
import { PARSE_OPTIONS } from '../../platform/graphql/operation-limits';
import { AppError } from '../../platform/errors';
import { guardOperation } from '../../platform/graphql/operation-guard';
import { liveConnections } from '../../platform/observability/metrics';
import { openRequestContext, type OpenContext } from '../request-context';
import { MAX_BODY_BYTES } from './graphql-http';
import type { Services } from '../services';
import { LiveCloseCode, type LiveContext, type LiveServices } from '../../live/live-context';
import { PayloadRenderer } from '../../live/shared-execution';
import { subscribeLive } from '../../live/subscribe-live';

type ConnectionParams = {
  authorization?: string;
};

export interface WebSocketLimits {
  maxConnectionsPerTenant: number;
  maxConnectionsPerCredential: number;
  /** Server pings at this interval; a peer that misses one is dropped (graphql-ws keep-alive). */
  keepAliveMs: number;
}

interface Connection {
  principal: Principal;
  authorization: string;
  tenantId: string;
}

const DOCUMENT_CACHE_LIMIT = 1000;
/** graphql-ws messages are JSON text; live frames are built as bytes but must go out as text frames. */
const TEXT_FRAME = { binary: false };

/** The codes Apollo gives the same refusals over HTTP. */
const withCode = (error: GraphQLError, code: string) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code } });

/** Parse + validate once per distinct document: thousands of identical subscribes cost one validation. */
class DocumentCache {
  private readonly entries = new Map<string, { document: DocumentNode } | { errors: readonly GraphQLError[] }>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rules: readonly ValidationRule[],
  ) {}

  get(query: string): { document: DocumentNode } | { errors: readonly GraphQLError[] } {
    let entry = this.entries.get(query);
    if (!entry) {
      try {
        const document = parse(query, PARSE_OPTIONS);
        const errors = validate(this.schema, document, [...specifiedRules, ...this.rules]);
        entry = errors.length ? { errors: errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED')) } : { document };
      } catch (error) {
        entry = { errors: [withCode(error instanceof GraphQLError ? error : new GraphQLError(String(error)), 'GRAPHQL_PARSE_FAILED')] };
      }
      this.entries.set(query, entry);
      if (this.entries.size > DOCUMENT_CACHE_LIMIT) this.entries.delete(this.entries.keys().next().value!);
    }
    return entry;
  }
}

/**
 * graphql-ws on the HTTP server's own port and path. The credential is checked at connection_init and
 * again before every event; queries and mutations get a fresh request context (EM fork, transaction,
 * tenant) each, subscriptions a connection-free live context whose outlet lets the live hub write their
 * `next` frames straight to the socket (see LiveSubscriber).
 */
export function attachWebSocket(
  server: Server,
  schema: GraphQLSchema,
  root: EntityManager,
  services: Services,
  live: LiveServices,
  limits: WebSocketLimits,
  validationRules: readonly ValidationRule[],
): () => Promise<void> {
  // ws accepts 100 MiB messages by default; a larger one closes the socket with 1009 (message too big).
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: MAX_BODY_BYTES });
  const documents = new DocumentCache(schema, validationRules);
  const connections = new WeakMap<object, Connection>();
  const perTenant = new Map<string, number>();
  const perCredential = new Map<string, number>();
  const openOperations = new Map<string, OpenContext>();
  const bump = (map: Map<string, number>, key: string, by: number) => {
    const next = (map.get(key) ?? 0) + by;
    if (next > 0) map.set(key, next);
    else map.delete(key);
  };
  let socketSeq = 0;
  const socketIds = new WeakMap<object, number>();
  const operationKey = (extra: object, id: string) => {
    if (!socketIds.has(extra)) socketIds.set(extra, ++socketSeq);
    return `${socketIds.get(extra)}:${id}`;
  };
  const failed = new Set<string>();
  const finish = async (key: string, ok: boolean) => {
    const entry = openOperations.get(key);
    openOperations.delete(key);
    const succeeded = ok && !failed.delete(key);
    await entry?.finish(succeeded);
  };

  const cleanup = useServer<ConnectionParams>(
    {
      schema,
      subscribe: subscribeLive,
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        const principal = authorization ? await live.guard.current(authorization) : null;
        if (!authorization || !principal || principal.kind === 'anonymous' || principal.kind === 'operator') {
          ctx.extra.socket.close(LiveCloseCode.UNAUTHENTICATED, 'Send a valid credential as connectionParams.authorization');
          return false;
        }
        if (
          (perTenant.get(principal.tenantId) ?? 0) >= limits.maxConnectionsPerTenant ||
          (perCredential.get(authorization) ?? 0) >= limits.maxConnectionsPerCredential
        ) {
          ctx.extra.socket.close(LiveCloseCode.TOO_MANY_CONNECTIONS, 'Too many open connections for this tenant or credential');
          return false;
        }
        connections.set(ctx.extra, { principal, authorization, tenantId: principal.tenantId });
        bump(perTenant, principal.tenantId, 1);
        bump(perCredential, authorization, 1);
        liveConnections.inc();
        return true;
      },
      onClose: (ctx) => {
        const connection = connections.get(ctx.extra);
        if (!connection) return;
        connections.delete(ctx.extra);
        liveConnections.dec();
        bump(perTenant, connection.tenantId, -1);
        bump(perCredential, connection.authorization, -1);
      },
      onSubscribe: async (ctx, id, payload) => {
        const entry = documents.get(payload.query);
        if ('errors' in entry) return entry.errors;
        const operation = getOperationAST(entry.document, payload.operationName);
        if (!operation) return [new GraphQLError('Name the operation to run')];
        try {
          guardOperation(schema, entry.document, operation, payload.variables ?? {});
        } catch (error) {
          if (error instanceof AppError) return [new GraphQLError(error.message, { extensions: error.extensions })];
          throw error;
        }
        const connection = connections.get(ctx.extra)!;
        let contextValue: LiveContext | object;
        const args = { schema, document: entry.document, operationName: payload.operationName, variableValues: payload.variables };
        if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
          const socket = ctx.extra.socket;
          const liveContext: Omit<LiveContext, 'renderer'> = {
            live,
            principal: connection.principal,
            authorization: connection.authorization,
            outlet: {
              operationId: id,
              send: (message) => {
                if (socket.readyState === socket.OPEN) socket.send(message, TEXT_FRAME);
              },
              get bufferedAmount() {
                return socket.bufferedAmount;
              },
            },
            closeSocket: (code, reason) => socket.close(code, reason),
          };
          contextValue = Object.assign(liveContext, { renderer: new PayloadRenderer({ ...args, contextValue: liveContext }) }) satisfies LiveContext;
        } else {
          const opened = await openRequestContext(root, services, connection.authorization, ctx.extra.request.socket.remoteAddress ?? 'unknown');
          openOperations.set(operationKey(ctx.extra, id), opened);
          contextValue = opened.ctx;
        }
        return { ...args, contextValue };
      },
      onNext: (ctx, id, _payload, _args, result) => {
        // A mutation whose result carries errors rolls back, as over HTTP.
        if ('errors' in result && result.errors?.length) failed.add(operationKey(ctx.extra, id));
      },
      onError: (ctx, id) => finish(operationKey(ctx.extra, id), false),
      onComplete: (ctx, id) => finish(operationKey(ctx.extra, id), true),
    },
    wss,
    limits.keepAliveMs,
  );
  return async () => {
    await cleanup.dispose();
    await Promise.all([...openOperations.keys()].map((k) => finish(k, false)));
  };
}
