import { randomUUID } from 'node:crypto';
import { defaultTenantConfig } from '@complaints/tenant-config';
import { ComplaintNumbers } from '../../api/src/complaint/complaint-number';
import type { Orm } from '../../api/src/app/orm';
import { TenantConfigService } from '../../api/src/tenant/tenant-config.service';
import { adminOrm, testConfig } from '../support/harness';

let orm: Orm;
let tenantId: string;

beforeAll(async () => {
  orm = await adminOrm();
  tenantId = (
    await orm.em.fork().transactional((em) => new TenantConfigService().createTenant(em, `t-${randomUUID().slice(0, 12)}`, 'Numbers', defaultTenantConfig()))
  ).id;
});
afterAll(() => orm?.close());

describe('complaint numbers', () => {
  it('survives the server ending its idle connections and keeps counting', async () => {
    const appName = `numbers-${randomUUID().slice(0, 8)}`;
    const url = new URL(testConfig().appDatabaseUrl);
    url.searchParams.set('application_name', appName);
    const numbers = new ComplaintNumbers(url.toString(), 2);
    try {
      const at = new Date('2026-11-24T04:00:00Z');
      const first = await numbers.next(tenantId, at, 'Asia/Shanghai');
      await orm.em.getConnection().execute('select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?', [appName]);
      await new Promise((r) => setTimeout(r, 200));
      const second = await numbers.next(tenantId, at, 'Asia/Shanghai');
      expect([first.number, second.number]).toEqual(['CP-20261124-000001', 'CP-20261124-000002']);
    } finally {
      await numbers.close();
    }
  });
});
