import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError, ErrorCode } from '../../platform/errors';
import type { RequestContext } from '../context';
import { openRequestContext } from '../request-context';
import type { Services } from '../services';
import { BodyTooLargeError, readBody } from '../../platform/http/read-body';
import { addLogContext, runWithLogContext } from '../../platform/observability/log-context';
import { logFunction, type Logger } from '../../platform/observability/logger';
import { observeOperation, type ObservedOperation } from '../../platform/observability/graphql-observation';

export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_BATCH = 10;

interface OperationResult {
  status: number;
  headers: Record<string, string>;
  /** The JSON body as Apollo serialised it: passed through, never parsed and serialised again. */
  body: string;
}

const errorBody = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

/** Authentication refused the operation: a bad credential (401), or a spent budget (429, with Retry-After). */
function refusedBeforeExecution(error: AppError): OperationResult {
  const { code, retryAfter } = error.extensions;
  const body = JSON.stringify({ errors: [{ message: error.message, extensions: error.extensions }] });
  if (code === ErrorCode.RATE_LIMITED || code === ErrorCode.SERVICE_UNAVAILABLE) {
    return { status: code === ErrorCode.RATE_LIMITED ? 429 : 503, headers: { 'retry-after': String(retryAfter) }, body };
  }
  return { status: 401, headers: {}, body };
}

/**
 * The HTTP side of /graphql. Batches are split here rather than in Apollo, so every operation of a
 * batch gets its own context and transaction: one failing mutation cannot roll back its neighbours.
 */
export function graphqlHttpHandler(apollo: ApolloServer<RequestContext>, root: EntityManager, services: Services, logger: Logger) {
  const log = logFunction(logger);
  const runOperation = (req: IncomingMessage, search: string, body: unknown) =>
    observeOperation(logger, (observed) => runObservedOperation(req, search, body, observed));

  async function runObservedOperation(req: IncomingMessage, search: string, body: unknown, observed: ObservedOperation): Promise<OperationResult> {
    let open;
    try {
      open = await openRequestContext(root, services, req.headers.authorization, req.socket.remoteAddress ?? 'unknown');
    } catch (error) {
      if (error instanceof AppError) {
        observed.failed = true;
        return refusedBeforeExecution(error);
      }
      throw error;
    }
    const { principal } = open.ctx;
    addLogContext({ principalKind: principal.kind, ...('tenantId' in principal ? { tenantId: principal.tenantId } : {}) });
    let succeeded = false;
    try {
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (typeof value === 'string') headers.set(key, value);
      }
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'POST', headers, search, body },
        context: () => Promise.resolve(open.ctx),
      });
      let text = '';
      if (response.body.kind === 'complete') text = response.body.string;
      else for await (const chunk of response.body.asyncIterator) text += chunk;
      succeeded = (response.status === undefined || response.status < 400) && !open.ctx.outcome.failed;
      return { status: response.status ?? 200, headers: Object.fromEntries(response.headers), body: text };
    } finally {
      observed.name = open.ctx.outcome.name;
      observed.failed = !succeeded;
      const finished = open.finish(succeeded);
      // A query has read all it answers: its commit cannot change the answer, so the answer does not wait for it.
      if (open.ctx.outcome.kind === 'query') finished.catch((error: unknown) => log('closing a read-only transaction failed', error));
      else await finished;
    }
  }

  return (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    return runWithLogContext({ requestId }, () => handle(req, res, url));
  };

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const sendText = (status: number, text: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(text);
    };
    const send = (status: number, body: unknown) => sendText(status, JSON.stringify(body));
    let body: unknown;
    if (req.method === 'POST') {
      try {
        const raw = await readBody(req, MAX_BODY_BYTES);
        body = raw ? JSON.parse(raw) : undefined;
      } catch (error) {
        if (error instanceof BodyTooLargeError) return send(413, errorBody(`Request body exceeds ${MAX_BODY_BYTES} bytes`, 'BAD_REQUEST'));
        return send(400, errorBody('The request body is not valid JSON', 'BAD_REQUEST'));
      }
    }
    if (Array.isArray(body)) {
      if (body.length === 0 || body.length > MAX_BATCH) {
        return send(400, errorBody(`A batch holds 1 to ${MAX_BATCH} operations`, 'BAD_REQUEST'));
      }
      const results = [];
      for (const op of body) results.push(await runOperation(req, url.search, op));
      return sendText(200, `[${results.map((r) => r.body).join(',')}]`);
    }
    const result = await runOperation(req, url.search, body);
    sendText(result.status, result.body, result.headers);
  }
}

/** The caller's (a proxy's) request id when it looks like one, else a new one; answered in `x-request-id`. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}
