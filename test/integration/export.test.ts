import ExcelJS from 'exceljs';
import type { Orm } from '../../api/src/app/orm';
import { adminOrm, complaintInput, createTestTenant, gql, newKey, startTestApi, SUBMIT, type TestApi, type TestTenant } from '../support/harness';

const REQUEST = `mutation($format: ExportFormat!, $filter: ComplaintFilter) {
  requestComplaintExport(format: $format, filter: $filter) { id status rowCount downloadPath }
}`;
const JOB = `query($id: ID!) { exportJob(id: $id) { id status rowCount downloadPath error } }`;

/** A minimal RFC 4180 reader for the checks (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r') continue;
    else if (ch === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
    } else cell += ch;
  }
  return rows;
}

describe('exports', () => {
  let api: TestApi;
  let orm: Orm;
  let tenant: TestTenant;
  let base: string;
  let token: string;

  beforeAll(async () => {
    api = await startTestApi();
    orm = await adminOrm();
    tenant = await createTestTenant(orm, api);
    base = api.url.replace(/\/graphql$/, '');
    token = tenant.tokens['handler@t.test']!;
    const subjects = ['Kettle, broken', '=HYPERLINK("http://evil")', '退款迟迟未到账', 'Plain', 'Line\nbreak'];
    for (const subject of subjects) {
      const res = await gql(api.url, SUBMIT, { input: complaintInput({ subject, categoryCode: 'billing' }), key: newKey() }, tenant.tokens['clerk@t.test']);
      expect(res.errors).toBeUndefined();
    }
  });

  afterAll(async () => {
    await orm?.close();
    await api?.close();
  });

  const get = (path: string, auth: string | null = token) => fetch(`${base}${path}`, { headers: auth ? { authorization: auth } : {} });

  it('streams the filtered list as CSV, quoting and defusing formulas', async () => {
    const res = await get(`/exports/complaints.csv?filter=${encodeURIComponent(JSON.stringify({ categoryCode: 'billing' }))}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
    expect(rows[0].slice(0, 3)).toEqual(['number', 'created_at', 'channel']);
    expect(rows).toHaveLength(6);
    const subjects = rows.slice(1).map((r) => r[rows[0].indexOf('subject')]);
    expect(subjects).toEqual(expect.arrayContaining(['Kettle, broken', `'=HYPERLINK("http://evil")`, '退款迟迟未到账', 'Line\nbreak']));
  });

  it('pages through lists larger than one batch without losing or repeating a row', async () => {
    const big = await createTestTenant(orm, api);
    // Millisecond instants, as intake writes them: the list cursor carries milliseconds.
    await orm.em.fork().execute(
      `insert into complaints (id, tenant_id, number, channel, severity, stage, status, subject, description, config_version, created_at, updated_at)
       select gen_random_uuid(), ?, 'BIG-' || g, 'web', 'general', 'intake', 'OPEN', 'Bulk ' || g, 'seeded', 1,
              date_trunc('milliseconds', now() - make_interval(secs => g / 3)), now()
         from generate_series(1, 2500) g`,
      [big.id],
    );
    const res = await get('/exports/complaints.csv', big.tokens['handler@t.test']);
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, '')).slice(1);
    expect(rows).toHaveLength(2500);
    expect(new Set(rows.map((r) => r[0])).size).toBe(2500);
  });

  it('writes the same list as an XLSX workbook', async () => {
    const res = await get('/exports/complaints.xlsx');
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(6);
    expect(sheet.getRow(1).getCell(1).value).toBe('number');
  });

  it('runs an export over the tenant threshold in the background and hands back a download link', async () => {
    const set = await gql(api.url, 'mutation { updateAnalyticsSettings(exportAsyncRows: 2) { exportAsyncRows } }', {}, tenant.tokens['admin@t.test']);
    expect(set.errors).toBeUndefined();
    const requested = await gql(api.url, REQUEST, { format: 'CSV' }, token);
    expect(requested.errors).toBeUndefined();
    expect(requested.data!.requestComplaintExport).toMatchObject({ status: 'PENDING', downloadPath: null });
    const id = requested.data!.requestComplaintExport.id as string;
    let job: Record<string, any> = {};
    for (let i = 0; i < 100 && job.status !== 'DONE' && job.status !== 'FAILED'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await gql(api.url, JOB, { id }, token)).data!.exportJob;
    }
    expect(job).toMatchObject({ status: 'DONE', rowCount: 5, downloadPath: `/exports/jobs/${id}` });
    const file = await get(job.downloadPath);
    expect(parseCsv((await file.text()).replace(/^\uFEFF/, ''))).toHaveLength(6);

    const other = await createTestTenant(orm, api);
    expect((await get(job.downloadPath, other.tokens['handler@t.test'])).status).toBe(404);
    expect(errorOf(await gql(api.url, JOB, { id }, other.tokens['handler@t.test']))).toBe('NOT_FOUND');
  });

  it('answers a small export with a direct link', async () => {
    await gql(api.url, 'mutation { updateAnalyticsSettings(exportAsyncRows: 1000) { exportAsyncRows } }', {}, tenant.tokens['admin@t.test']);
    const res = await gql(api.url, REQUEST, { format: 'XLSX', filter: { channels: ['web'] } }, token);
    expect(res.data!.requestComplaintExport).toMatchObject({ id: null, status: 'DONE', rowCount: 5 });
    expect(res.data!.requestComplaintExport.downloadPath).toMatch(/^\/exports\/complaints\.xlsx\?filter=/);
  });

  it('exports a metric table and refuses callers without the permission', async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const filter = encodeURIComponent(JSON.stringify({ from: day(-2), to: day(2) }));
    const res = await get(`/exports/metrics.csv?filter=${filter}&groupBy=CHANNEL`, tenant.tokens['analyst@t.test']);
    expect(res.status).toBe(200);
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
    expect(rows[0].slice(0, 4)).toEqual(['group', 'volume', 'share_pct', 'first_response_p50_min']);
    expect(rows[1].slice(0, 2)).toEqual(['web', '5']);
    // Percentages with one decimal at most, never a raw ratio such as 0.2857142857142857.
    expect(rows[1][2]).toMatch(/^\d{1,3}(\.\d)?$/);
    expect((await get(`/exports/metrics.csv?filter=${filter}`, token)).status).toBe(403);
    expect((await get('/exports/complaints.csv', null)).status).toBe(401);
  });
});

const errorOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;
