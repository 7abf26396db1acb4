import type { IncomingMessage, ServerResponse } from 'node:http';
import { metricsRegistry } from './metrics';
import { checkReadiness, type ReadinessCheck } from './readiness';

/**
 * /healthz (the process answers), /readyz (its dependencies answer) and /metrics (Prometheus text), for
 * the API's server and the worker's own. `extraMetrics` appends another exposition (the worker's Temporal
 * core metrics). Returns false for any other path.
 */
export function opsEndpoints(checks: ReadinessCheck[], extraMetrics?: () => Promise<string>) {
  return (req: IncomingMessage, res: ServerResponse, pathname: string): boolean => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return true;
    }
    if (pathname === '/readyz') {
      void checkReadiness(checks).then((readiness) =>
        res.writeHead(readiness.ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(readiness)),
      );
      return true;
    }
    if (pathname === '/metrics') {
      void Promise.all([metricsRegistry.metrics(), extraMetrics?.().catch(() => '') ?? ''])
        .then(([own, extra]) => res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(extra ? `${own}\n${extra}` : own))
        .catch(() => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics collection failed'));
      return true;
    }
    return false;
  };
}
