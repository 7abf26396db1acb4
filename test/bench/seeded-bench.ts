import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate, openBenchDatabase, type BenchDatabase } from './bench-database';
import type { Cleanup } from './cleanup';
import { ensureBenchTenants, type BenchTenant } from './bench-tenants';
import { seedComplaints } from './bulk-seed';

export interface SeededBench {
  db: BenchDatabase;
  /** What the API needs on top of DATABASE_URL and TEMPORAL_ADDRESS: fresh secrets every run. */
  env: { NODE_ENV: 'production'; JWT_SECRET: string; SECRETS_KEY: string; ATTACHMENTS_DIR: string };
  /** Owner connection, closed by `cleanup`. */
  admin: Client;
  tenants: BenchTenant[];
}

/** The benchmark database migrated, with its three tenants and `totalRows` seeded complaints (seeded once, then reused). */
export async function openSeededBench(log: (line: string) => void, cleanup: Cleanup, totalRows: number): Promise<SeededBench> {
  const db = await openBenchDatabase(log);
  cleanup.add(db.stop);
  const env = {
    NODE_ENV: 'production' as const,
    JWT_SECRET: randomBytes(24).toString('hex'),
    SECRETS_KEY: randomBytes(32).toString('base64'),
    ATTACHMENTS_DIR: join(tmpdir(), 'complaints-bench-attachments'),
  };
  log(await migrate(db.url, env));
  const admin = new Client({ connectionString: db.url });
  await admin.connect();
  cleanup.add(() => admin.end());
  const tenants = await ensureBenchTenants(admin, db.url, totalRows);
  const seedStarted = Date.now();
  if (await seedComplaints(admin, tenants, log)) log(`seed done in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s`);
  else log('seed found in place, reused');
  return { db, env, admin, tenants };
}
