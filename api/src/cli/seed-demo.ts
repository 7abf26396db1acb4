import 'reflect-metadata';
import { ecommerceTemplate, type TenantConfig } from '@complaints/tenant-config';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ComplaintIntakeService } from '../complaint/complaint-intake.service';
import { ComplaintNumbers } from '../complaint/complaint-number';
import type { SubmitComplaintInput } from '../complaint/complaint.inputs';
import { hashPassword } from '../identity/password';
import { User } from '../identity/user.entity';
import { loadConfig } from '../platform/config';
import { createOrm } from '../app/orm';
import { createLogger, type Logger } from '../platform/observability/logger';
import { withTenant } from '../platform/db/tenant-scope';
import { TenantConfigService } from '../tenant/tenant-config.service';
import { Tenant } from '../tenant/tenant.entity';

export const DEMO_TENANT = 'demo';

const STAFF = [
  { email: 'admin@demo.test', displayName: 'Demo Admin 管理员', roles: ['tenant_admin'], teams: [] as string[], password: 'demo-admin-pass' },
  { email: 'clerk@demo.test', displayName: '王受理 (Intake)', roles: ['intake_clerk'], teams: ['frontline'], password: 'demo-staff-pass' },
  { email: 'handler@demo.test', displayName: '李处理 (Handler)', roles: ['handler'], teams: ['frontline'], password: 'demo-staff-pass' },
  { email: 'supervisor@demo.test', displayName: '张主管 (Supervisor)', roles: ['supervisor'], teams: ['escalation'], password: 'demo-staff-pass' },
  { email: 'analyst@demo.test', displayName: '赵分析 (Analyst)', roles: ['analyst'], teams: [], password: 'demo-staff-pass' },
  { email: 'followup@demo.test', displayName: '陈回访 (Follow-up)', roles: ['followup_agent'], teams: ['frontline'], password: 'demo-staff-pass' },
];

const SAMPLE_COMPLAINTS: SubmitComplaintInput[] = [
  {
    channel: 'web',
    subject: '收到的耳机左声道无声',
    description: '订单 SO-10086 的蓝牙耳机收到后左耳没有声音，已尝试重置。希望换货。',
    customer: { externalId: 'C-1001', name: '刘女士', email: 'liu@example.com', tier: 'vip' },
    orderRef: 'SO-10086',
    expectedResolution: '换货',
    amountClaimed: '299.00',
  },
  {
    channel: 'phone',
    subject: 'Parcel arrived three days late',
    description: 'The delivery promised for Friday arrived on Monday; the gift was for a birthday.',
    customer: { externalId: 'C-1002', name: 'Mr. Smith', email: 'smith@example.com' },
    expectedResolution: 'Refund of the shipping fee',
    amountClaimed: '15.00',
    locale: 'en',
  },
  {
    channel: 'app',
    subject: '商品外观有划痕',
    description: '新买的保温杯外壳有明显划痕。',
    contact: { name: '匿名用户', phone: '+86 138 0000 0000' },
  },
];

/**
 * Idempotent: creates the demo tenant with sample configuration and staff once (committed before any
 * complaint, since numbers are allocated on their own connection), then files the sample complaints
 * under fixed idempotency keys, so a seed interrupted half-way completes on the next start.
 */
export async function seedDemo(root: EntityManager, numbers: ComplaintNumbers): Promise<boolean> {
  const existing = await root.fork().findOne(Tenant, { slug: DEMO_TENANT });
  const config = ecommerceTemplate();
  const tenantId = existing?.id ?? (await root.fork().transactional((em) => createDemoTenant(em, config)));
  const intake = new ComplaintIntakeService(numbers);
  const leaf = config.categories[0]?.children?.[0];
  for (const [i, input] of SAMPLE_COMPLAINTS.entries()) {
    await withTenant(root, tenantId, async (scope) =>
      intake.submit(
        scope,
        { type: 'system', id: null, name: 'demo seed' },
        { version: 1, config },
        { ...input, categoryCode: leaf?.code ?? null },
        `demo-seed-${i}`,
      ),
    );
  }
  return !existing;
}

async function createDemoTenant(em: EntityManager, config: TenantConfig): Promise<string> {
  const tenant = await new TenantConfigService().createTenant(em, DEMO_TENANT, 'Demo Shop 演示商城', config);
  for (const s of STAFF) {
    em.create(User, {
      email: s.email,
      displayName: s.displayName,
      roles: s.roles,
      teams: s.teams,
      passwordHash: await hashPassword(s.password),
      active: true,
    } as User);
  }
  await em.flush();
  return tenant.id;
}

async function main(logger: Logger): Promise<void> {
  const config = loadConfig();
  const orm = await createOrm(config.adminDatabaseUrl, { pool: { min: 0, max: 2 } });
  const numbers = new ComplaintNumbers(config.adminDatabaseUrl, 1);
  try {
    const created = await seedDemo(orm.em, numbers);
    logger.info(created ? `demo tenant "${DEMO_TENANT}" created (admin@demo.test / demo-admin-pass)` : `demo tenant "${DEMO_TENANT}" already present`);
  } finally {
    await numbers.close();
    await orm.close();
  }
}

if (require.main === module) {
  const logger = createLogger('seed', loadConfig().log);
  main(logger).catch((error: unknown) => {
    logger.fatal({ err: error }, 'seeding failed');
    process.exit(1);
  });
}
