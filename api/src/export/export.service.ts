import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TenantConfig } from '@complaints/tenant-config';
import type { ComplaintFilter } from '../complaint/complaint.inputs';
import { withTenant } from '../platform/db/tenant-scope';
import { notFound } from '../platform/errors';
import type { AnalyticsService } from '../analytics/analytics.service';
import { COMPLAINT_COLUMNS, complaintBatches, countComplaints } from './complaint-rows';
import { csvRecord, UTF8_BOM } from './csv';
import { ExportFormat, ExportStatus, type ExportJobType } from './export.types';
import { writeXlsx } from './xlsx';
import type { TenantScope } from '../platform/db/tenant-scope';

const HEADER = COMPLAINT_COLUMNS.map(([h]) => h);

interface JobRow {
  id: string;
  format: ExportFormat;
  status: ExportStatus;
  row_count: number | null;
  file_name: string | null;
  error: string | null;
  filter: Record<string, unknown>;
  created_at: string | Date;
}

/** Complaint exports: streamed straight to the caller, or, above the tenant's threshold, written to a file in the background. */
export class ExportService {
  constructor(
    private readonly root: EntityManager,
    private readonly dir: string,
    private readonly analytics: AnalyticsService,
    private readonly log: (message: string, error?: unknown) => void = () => {},
  ) {}

  /** Writes every matching complaint to `out` in `format`; returns the row count. */
  async write(out: Writable, tenantId: string, config: TenantConfig, filter: ComplaintFilter, format: ExportFormat): Promise<number> {
    const batches = complaintBatches(this.root, tenantId, config, filter);
    if (format === ExportFormat.XLSX) {
      const rows = await writeXlsx(out, 'Complaints', HEADER, batches);
      await finished(out);
      return rows;
    }
    let rows = 0;
    await writeWithBackpressure(out, UTF8_BOM + csvRecord(HEADER));
    for await (const batch of batches) {
      await writeWithBackpressure(out, batch.map(csvRecord).join(''));
      rows += batch.length;
    }
    out.end();
    await finished(out);
    return rows;
  }

  /**
   * Small exports answer with a direct streaming link; larger ones become a job run in this process (the
   * row is committed on its own so the worker finds it at once) and answer with its id to poll.
   */
  async request(tenantId: string, config: TenantConfig, requestedBy: string | null, filter: ComplaintFilter, format: ExportFormat): Promise<ExportJobType> {
    const [rowCount, settings] = await Promise.all([countComplaints(this.root, tenantId, config, filter), this.analytics.settings(tenantId, config)]);
    const query = `?filter=${encodeURIComponent(JSON.stringify(filter))}`;
    if (rowCount <= settings.exportAsyncRows) {
      const path = `/exports/complaints.${format === ExportFormat.XLSX ? 'xlsx' : 'csv'}${query}`;
      return { id: null, format, status: ExportStatus.DONE, rowCount, downloadPath: path, error: null, createdAt: new Date() };
    }
    const id = randomUUID();
    await withTenant(this.root, tenantId, ({ em }) =>
      em.execute(`insert into export_jobs (id, tenant_id, requested_by, format, filter, status) values (?, ?, ?, ?, ?::jsonb, 'PENDING')`, [
        id,
        tenantId,
        requestedBy,
        format,
        JSON.stringify(filter),
      ]),
    );
    setImmediate(() => void this.run(tenantId, config, id, filter, format));
    return { id, format, status: ExportStatus.PENDING, rowCount: null, downloadPath: null, error: null, createdAt: new Date() };
  }

  async job(scope: TenantScope, id: string): Promise<ExportJobType> {
    const { em, tenantId } = scope;
    const [row] = await em.execute<JobRow[]>('select * from export_jobs where tenant_id = ? and id = ?', [tenantId, id]);
    if (!row) throw notFound('Export');
    return {
      id: row.id,
      format: row.format,
      status: row.status,
      rowCount: row.row_count,
      downloadPath: row.status === ExportStatus.DONE ? `/exports/jobs/${row.id}` : null,
      error: row.error,
      createdAt: new Date(row.created_at),
    };
  }

  /** The finished file of a job of this tenant, or null when there is none (yet). */
  async download(tenantId: string, id: string): Promise<{ stream: Readable; format: ExportFormat; size: number } | null> {
    const [row] = await withTenant(this.root, tenantId, ({ em }) =>
      em.execute<JobRow[]>(`select * from export_jobs where tenant_id = ? and id = ? and status = 'DONE'`, [tenantId, id]),
    );
    if (!row?.file_name) return null;
    const path = join(this.dir, row.file_name);
    return { stream: createReadStream(path), format: row.format, size: (await stat(path)).size };
  }

  private async run(tenantId: string, config: TenantConfig, id: string, filter: ComplaintFilter, format: ExportFormat): Promise<void> {
    const mark = (sql: string, params: unknown[]) => withTenant(this.root, tenantId, ({ em }) => em.execute(sql, params));
    const fileName = `${tenantId}-${id}.${format === ExportFormat.XLSX ? 'xlsx' : 'csv'}`;
    try {
      await mark(`update export_jobs set status = 'RUNNING' where id = ?`, [id]);
      await mkdir(this.dir, { recursive: true });
      const rows = await this.write(createWriteStream(join(this.dir, fileName)), tenantId, config, filter, format);
      await mark(`update export_jobs set status = 'DONE', row_count = ?, file_name = ?, finished_at = now() where id = ?`, [rows, fileName, id]);
    } catch (error) {
      this.log('export failed', error);
      await mark(`update export_jobs set status = 'FAILED', error = ?, finished_at = now() where id = ?`, ['The export could not be written', id]).catch(
        () => {},
      );
    }
  }
}

async function writeWithBackpressure(out: Writable, chunk: string): Promise<void> {
  if (out.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    out.once('error', onError);
    out.once('drain', () => {
      out.off('error', onError);
      resolve();
    });
  });
}
