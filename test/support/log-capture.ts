import { Writable } from 'node:stream';
import type { Logger, LogOptions } from '../../api/src/platform/observability/logger';

type CreateLogger = (service: string, options: LogOptions, destination: Writable) => Logger;

/**
 * A logger at debug level whose JSON lines the test reads back. `create` is the createLogger of the code
 * under test: the worker runs the api's built package, the API in-process its sources, and each reads the
 * work fields from its own module instance.
 */
export function capturingLogger(create: CreateLogger, service: string): { logger: Logger; lines: Record<string, any>[] } {
  const lines: Record<string, any>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: create(service, { level: 'debug', pretty: false }, destination), lines };
}

/** The value of one series in a Prometheus text exposition (0 when absent). */
export function sampleValue(exposition: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(/,(?=[a-zA-Z_]\w*=")/);
    if (wanted.every((pair) => present.includes(pair))) return Number(match[3]);
  }
  return 0;
}
