import { createServer } from 'node:net';
import { makeTelemetryFilterString, Runtime, type Logger as TemporalLogger, type LogLevel, type LogMetadata } from '@temporalio/worker';
import type { Logger } from '@complaints/api';

const LEVELS = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const satisfies Record<LogLevel, string>;

/** The SDK's logger interface over pino: the SDK's metadata (workflow, activity, trace ids) become fields. */
export function temporalLogger(logger: Logger): TemporalLogger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => logger[LEVELS[level]](meta ?? {}, message);
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}

/**
 * Installs the process's Temporal runtime: SDK and core logs into pino, and the core's own worker metrics
 * (task slots, poll latencies, sticky cache, ...) on a loopback-only Prometheus exporter, which the
 * worker's /metrics appends so one scrape target covers both.
 */
export async function installTemporalRuntime(logger: Logger): Promise<{ coreMetrics: () => Promise<string> }> {
  const port = await freeLoopbackPort();
  Runtime.install({
    logger: temporalLogger(logger.child({ component: 'temporal' })),
    telemetryOptions: {
      logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }) },
      metrics: { prometheus: { bindAddress: `127.0.0.1:${port}`, countersTotalSuffix: true, unitSuffix: true, useSecondsForDurations: true } },
    },
  });
  return { coreMetrics: async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text() };
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
