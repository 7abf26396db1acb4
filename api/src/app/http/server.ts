import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NoSchemaIntrospectionCustomRule, type GraphQLSchema } from 'graphql';
import type { RequestContext } from '../context';
import { formatError } from '../../platform/graphql/format-error';
import { LIMIT_RULES, PARSE_OPTIONS } from '../../platform/graphql/operation-limits';
import { operationGuardPlugin } from '../../platform/graphql/operation-guard';
import type { Services } from '../services';
import { graphqlHttpHandler } from './graphql-http';
import { securityHeaders } from './security-headers';
import { exportHttpHandler } from '../../export/export.http';
import { attachWebSocket, type WebSocketLimits } from './websocket';
import type { LiveServices } from '../../live/live-context';
import { logFunction, type Logger } from '../../platform/observability/logger';
import { opsEndpoints } from '../../platform/observability/ops-endpoints';
import type { ReadinessCheck } from '../../platform/observability/readiness';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../../platform/db/database-unavailable';
import { ErrorCode } from '../../platform/errors';

interface ApiServerOptions {
  schema: GraphQLSchema;
  root: EntityManager;
  services: Services;
  live: LiveServices;
  webSocketLimits: WebSocketLimits;
  production: boolean;
  logger: Logger;
  /** What /readyz checks. */
  readiness: ReadinessCheck[];
  /** Browser origins allowed cross-origin. */
  corsOrigins: readonly string[];
  /** How long close() lets in-flight requests finish before it cuts every connection. */
  drainMs: number;
}

export interface RunningApiServer {
  server: Server;
  url: string;
  /** Stops accepting, drains in-flight requests (at most `drainMs`), closes WebSockets as going away. */
  close: () => Promise<void>;
}

export async function startApiServer(opts: ApiServerOptions, port: number): Promise<RunningApiServer> {
  const log = logFunction(opts.logger);
  const apollo = new ApolloServer<RequestContext>({
    schema: opts.schema,
    parseOptions: PARSE_OPTIONS,
    validationRules: LIMIT_RULES,
    introspection: !opts.production,
    includeStacktraceInErrorResponses: !opts.production,
    formatError: formatError((error) => log('unexpected error', error), opts.production),
    csrfPrevention: true,
    // Whoever runs the API stops it (main.ts, the dev launcher, benchmarks, tests). Apollo's own handler stops
    // Apollo and then re-raises the signal, which killed the process before that owner's ordered shutdown ended.
    stopOnTerminationSignals: false,
    plugins: [
      // We send no cache hints; left on, the plugin wraps every field resolver of every response.
      ApolloServerPluginCacheControlDisabled(),
      operationGuardPlugin(),
      /* eslint-disable @typescript-eslint/require-await -- Apollo's plugin hooks return promises; these only note the outcome */
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ contextValue, operation, operationName }) {
              contextValue.outcome.kind = operation?.operation;
              contextValue.outcome.name = operationName ?? undefined;
            },
            async didEncounterErrors({ contextValue }) {
              contextValue.outcome.failed = true;
            },
          };
        },
      },
      /* eslint-enable @typescript-eslint/require-await */
    ],
  });
  await apollo.start();
  const handleGraphql = graphqlHttpHandler(apollo, opts.root, opts.services, opts.logger);
  const handleOps = opsEndpoints(opts.readiness);
  const handleExport = exportHttpHandler(opts.root, opts.services);

  const setSecurityHeaders = securityHeaders({ corsOrigins: opts.corsOrigins, production: opts.production });
  const connections = new Draining();
  const server = createServer((req, res) => {
    connections.track(res);
    const url = new URL(req.url ?? '/', 'http://localhost');
    setSecurityHeaders(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    if (handleOps(req, res, url.pathname)) return;
    if (url.pathname.startsWith('/exports/')) {
      handleExport(req, res, url, log);
      return;
    }
    if (url.pathname !== '/graphql') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: GraphQL lives at /graphql');
      return;
    }
    handleGraphql(req, res, url).catch((error: unknown) => {
      // Opening or committing the request's transaction failed: a full pool or PostgreSQL away is no fault of the request.
      if (isDatabaseUnavailable(error)) {
        if (!res.headersSent) res.writeHead(503, { 'content-type': 'application/json', 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) });
        res.end(
          JSON.stringify({
            errors: [
              {
                message: 'The database is unavailable; try again shortly',
                extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfter: DATABASE_RETRY_AFTER_SECONDS },
              },
            ],
          }),
        );
        return;
      }
      log('request failed', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
    });
  });
  server.on('connection', (socket) => connections.add(socket));
  // Apollo drops introspection itself when told to; the WebSocket side validates on its own, so it gets the rule.
  const webSocketRules = opts.production ? [...LIMIT_RULES, NoSchemaIntrospectionCustomRule] : LIMIT_RULES;
  const disposeWs = attachWebSocket(server, opts.schema, opts.root, opts.services, opts.live, opts.webSocketLimits, webSocketRules);
  await new Promise<void>((resolve) => server.listen(port, resolve));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    url: `http://localhost:${actualPort}/graphql`,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await connections.drain(server, Promise.all([closed, disposeWs()]), opts.drainMs);
      await apollo.stop();
    },
  };
}

/**
 * Shutdown under traffic: `server.close()` only stops accepting, and a keep-alive client that keeps sending
 * keeps its connection (and the process) alive. While draining, every response says `Connection: close`
 * (the socket ends after it), idle sockets are closed as they appear, and at the deadline whatever is
 * left, WebSockets included, is destroyed.
 */
class Draining {
  private readonly sockets = new Set<Socket>();
  private readonly open = new Set<ServerResponse>();
  private draining = false;

  add(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  track(res: ServerResponse): void {
    if (this.draining) res.setHeader('connection', 'close');
    this.open.add(res);
    res.once('close', () => this.open.delete(res));
  }

  async drain(server: Server, closed: Promise<unknown>, drainMs: number): Promise<void> {
    this.draining = true;
    for (const res of this.open) if (!res.headersSent) res.setHeader('connection', 'close');
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    let deadline: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (deadline = setTimeout(resolve, drainMs)));
    try {
      await Promise.race([closed, late]);
    } finally {
      clearInterval(sweep);
      clearTimeout(deadline);
      for (const socket of this.sockets) socket.destroy();
    }
  }
}
