import { performance } from 'node:perf_hooks';
import { SpanStatusCode } from '@opentelemetry/api';
import type { Logger } from './logger';
import { boundedLabel, graphqlDuration, graphqlRequests } from './metrics';
import { tracer } from './tracing';

/** What the operation's runner reports back as it learns it. */
export interface ObservedOperation {
  name?: string;
  failed: boolean;
}

/** Client-chosen names: the first 200 distinct ones get their own series, later ones share `other`. */
const operationLabel = boundedLabel(200);

/**
 * One GraphQL operation: a span around it (the parent of its SQL and Temporal calls), the request counter
 * and latency histogram, and a line at debug level (per request: off at the production default, info).
 */
export function observeOperation<T>(logger: Logger, run: (observed: ObservedOperation) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan('graphql', async (span) => {
    const observed: ObservedOperation = { failed: false };
    const started = performance.now();
    try {
      return await run(observed);
    } catch (error) {
      observed.failed = true;
      throw error;
    } finally {
      const operation = operationLabel(observed.name);
      const outcome = observed.failed ? 'error' : 'ok';
      const seconds = (performance.now() - started) / 1000;
      graphqlRequests.inc({ operation, outcome });
      graphqlDuration.observe({ operation, outcome }, seconds);
      span.updateName(`graphql ${operation}`);
      span.setAttribute('graphql.operation.name', operation);
      if (observed.failed) span.setStatus({ code: SpanStatusCode.ERROR });
      logger.debug({ operation, outcome, durationMs: Math.round(seconds * 1000) }, 'graphql operation');
      span.end();
    }
  });
}
