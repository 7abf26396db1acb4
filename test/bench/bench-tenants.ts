import { defaultTenantConfig } from '@complaints/tenant-config';
import { createOrm, hashPassword, TenantConfigService, User } from '@complaints/api';
import type { Client } from 'pg';
import { graphql } from './http-client';

export interface BenchTenant {
  id: string;
  slug: string;
  /** Seeded complaints this tenant gets: the three tenants are deliberately uneven. */
  rows: number;
}

export const STAFF_EMAIL = 'bench.staff@bench.test';
const STAFF_PASSWORD = 'bench-staff-password';

/** 500k / 300k / 200k: measuring on the largest tenant shows the worst case. */
const TENANTS = [
  { slug: 'bench-alpha', share: 0.5 },
  { slug: 'bench-beta', share: 0.3 },
  { slug: 'bench-gamma', share: 0.2 },
];

/** Creates the three tenants (configuration, teams, one staff user) once; later runs reuse them. */
export async function ensureBenchTenants(admin: Client, adminUrl: string, totalRows: number): Promise<BenchTenant[]> {
  const tenants: BenchTenant[] = [];
  for (const { slug, share } of TENANTS) {
    const rows = Math.round(totalRows * share);
    const found = await admin.query<{ id: string }>('select id from tenants where slug = $1', [slug]);
    tenants.push({ id: found.rows[0]?.id ?? (await createTenant(adminUrl, slug)), slug, rows });
  }
  return tenants;
}

async function createTenant(adminUrl: string, slug: string): Promise<string> {
  const orm = await createOrm(adminUrl, { pool: { min: 0, max: 2 } });
  try {
    return await orm.em.fork().transactional(async (em) => {
      const tenant = await new TenantConfigService().createTenant(em, slug, `Benchmark ${slug}`, defaultTenantConfig());
      // The staff member both files (intake_clerk) and reads (every role reads) complaints.
      em.create(User, {
        email: STAFF_EMAIL,
        displayName: 'Bench staff',
        roles: ['intake_clerk', 'supervisor'],
        teams: ['frontline'],
        passwordHash: await hashPassword(STAFF_PASSWORD),
        active: true,
      } as User);
      await em.flush();
      return tenant.id;
    });
  } finally {
    await orm.close();
  }
}

/** `Bearer …` for the tenant's staff user, through the public login mutation. */
export async function staffToken(url: string, tenant: BenchTenant): Promise<string> {
  const data = await graphql<{ login: { accessToken: string } }>(
    url,
    'mutation($t:String!,$e:String!,$p:String!){ login(tenantSlug:$t,email:$e,password:$p){ accessToken } }',
    { t: tenant.slug, e: STAFF_EMAIL, p: STAFF_PASSWORD },
  );
  return `Bearer ${data.login.accessToken}`;
}
