import { hostname } from 'node:os';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import { summarizeSqlError } from '../db/sql-error';
import { logContext } from './log-context';

export type { Logger } from 'pino';

export interface LogOptions {
  level: Level | 'silent';
  /** Human-readable lines (pino-pretty, a dev dependency) instead of JSON. */
  pretty: boolean;
}

/**
 * The process's root logger. Every line carries the fields of the work it belongs to (request, tenant,
 * principal kind, complaint) and the active trace, read when the line is written: call sites log plainly.
 * `destination` lets tests read the lines.
 */
export function createLogger(service: string, options: LogOptions, destination?: DestinationStream): Logger {
  const pretty = !destination && options.pretty ? prettyTransport() : undefined;
  return pino(
    {
      level: options.level,
      base: { service, pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Label levels read better in JSON; pino-pretty formats numeric ones itself.
      formatters: pretty ? {} : { level: (label) => ({ level: label }) },
      mixin: workFields,
      serializers: { err: serializeError },
    },
    destination ?? pretty ?? pino.destination(1),
  );
}

/** Errors as pino writes them, except failed SQL, which says what and where but never which values. */
function serializeError(error: unknown): unknown {
  const sql = summarizeSqlError(error);
  if (sql) return sql;
  if (!(error instanceof Error)) return error;
  const serialized = pino.stdSerializers.err(error);
  return error.cause === undefined ? serialized : { ...serialized, cause: serializeError(error.cause) };
}

function workFields(): object {
  const fields = logContext();
  const spanContext = trace.getActiveSpan()?.spanContext();
  // A copy: pino merges a line's own fields into the object the mixin returns, which must not be the context.
  if (!spanContext || !isSpanContextValid(spanContext)) return { ...fields };
  return { ...fields, trace_id: spanContext.traceId, span_id: spanContext.spanId };
}

/** pino-pretty in a transport thread, when installed (a dev dependency: production images lack it and log JSON). */
function prettyTransport(): DestinationStream | undefined {
  try {
    require.resolve('pino-pretty');
  } catch {
    return undefined;
  }
  return pino.transport({ target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' } });
}

/** The `(message, error?)` callback many modules take: failures at error level with the error, notes at info. */
export function logFunction(logger: Logger): (message: string, error?: unknown) => void {
  return (message, error) => (error === undefined ? logger.info(message) : logger.error({ err: error }, message));
}
