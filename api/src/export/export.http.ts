import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AnalyticsDimension, type AnalyticsFilter } from '../analytics/analytics.types';
import type { Permission } from '@complaints/tenant-config';
import type { TenantBoundPrincipal } from '../platform/auth/principal';
import { requirePermission } from '../platform/auth/permissions';
import { withTenant } from '../platform/db/tenant-scope';
import { isUuid } from '../platform/ids';
import type { Services } from '../app/services';
import { AppError, badInput } from '../platform/errors';
import { parseComplaintFilter } from './complaint-rows';
import { csvRecord, UTF8_BOM } from './csv';
import { metricTable } from './metric-table';
import { ExportFormat } from './export.types';
import { writeXlsx } from './xlsx';

const CONTENT_TYPE: Record<ExportFormat, string> = {
  [ExportFormat.CSV]: 'text/csv; charset=utf-8',
  [ExportFormat.XLSX]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const formatOf = (ext: string) => (ext === 'xlsx' ? ExportFormat.XLSX : ExportFormat.CSV);

/**
 * GET /exports/complaints.{csv,xlsx}?filter=<ComplaintFilter JSON>, /exports/metrics.{csv,xlsx}?filter=<AnalyticsFilter
 * JSON>&groupBy=<dimension>, and /exports/jobs/<id> (a finished background export). Same Authorization header as GraphQL.
 */
export function exportHttpHandler(root: EntityManager, services: Services) {
  async function principalOf(req: IncomingMessage, permission: Permission): Promise<TenantBoundPrincipal> {
    const principal = await root.fork().transactional((em) => services.auth.authenticate(em, req.headers.authorization));
    return requirePermission(principal, permission);
  }

  const configOf = (tenantId: string) => withTenant(root, tenantId, (scope) => services.tenantConfig.current(scope));

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const list = /^\/exports\/complaints\.(csv|xlsx)$/.exec(url.pathname);
    const metrics = /^\/exports\/metrics\.(csv|xlsx)$/.exec(url.pathname);
    const job = /^\/exports\/jobs\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (req.method !== 'GET' || !(list || metrics || job)) return sendError(res, 404, 'NOT_FOUND', 'No such export');

    if (list) {
      const principal = await principalOf(req, 'complaint.read');
      const filter = parseComplaintFilter(url.searchParams.get('filter'));
      const format = formatOf(list[1]);
      const { config } = await configOf(principal.tenantId);
      startDownload(res, format, `complaints.${list[1]}`);
      await services.exports.write(res, principal.tenantId, config, filter, format);
      return;
    }
    if (metrics) {
      const principal = await principalOf(req, 'analytics.read');
      const filter = parseJson<AnalyticsFilter>(url.searchParams.get('filter'));
      const groupBy = (url.searchParams.get('groupBy') ?? AnalyticsDimension.NONE) as AnalyticsDimension;
      if (!Object.values(AnalyticsDimension).includes(groupBy)) throw badInput([{ path: 'groupBy', message: 'Unknown dimension' }]);
      const { config } = await configOf(principal.tenantId);
      const figures = await withTenant(root, principal.tenantId, (scope) => services.analytics.metrics(scope, config, filter, groupBy));
      const table = metricTable(figures);
      const format = formatOf(metrics[1]);
      startDownload(res, format, `metrics.${metrics[1]}`);
      if (format === ExportFormat.XLSX) await writeXlsx(res, 'Metrics', table.header, [table.rows]);
      else res.end(UTF8_BOM + [table.header, ...table.rows].map(csvRecord).join(''));
      return;
    }
    const principal = await principalOf(req, 'complaint.read');
    const id = job![1];
    const file = isUuid(id) ? await services.exports.download(principal.tenantId, id) : null;
    if (!file) return sendError(res, 404, 'NOT_FOUND', 'Export not found or not finished');
    startDownload(res, file.format, `complaints.${file.format === ExportFormat.XLSX ? 'xlsx' : 'csv'}`, file.size);
    file.stream.pipe(res);
  }

  return (req: IncomingMessage, res: ServerResponse, url: URL, log: (message: string, error?: unknown) => void): void => {
    route(req, res, url).catch((error: unknown) => {
      if (res.headersSent) {
        log('export broke off', error);
        res.destroy();
        return;
      }
      if (error instanceof AppError) {
        const code = String(error.extensions.code);
        const status = code === 'UNAUTHENTICATED' ? 401 : code === 'FORBIDDEN' ? 403 : code === 'NOT_FOUND' ? 404 : 400;
        return sendError(res, status, code, error.message);
      }
      log('export failed', error);
      sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    });
  };
}

function parseJson<T>(raw: string | null): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw ?? '');
  } catch {
    parsed = null;
  }
  if (!parsed || typeof parsed !== 'object') throw badInput([{ path: 'filter', message: 'filter must be a JSON object' }]);
  return parsed as T;
}

function startDownload(res: ServerResponse, format: ExportFormat, fileName: string, size?: number): void {
  res.writeHead(200, {
    'content-type': CONTENT_TYPE[format],
    'content-disposition': `attachment; filename="${fileName}"`,
    ...(size !== undefined ? { 'content-length': String(size) } : {}),
  });
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
