import type { EntityManager } from '@mikro-orm/postgresql';

export type CheckResult = 'ok' | { error: string };

export interface ReadinessCheck {
  name: string;
  /** A failed required check makes the process not ready; an optional one is only reported. */
  required: boolean;
  run(): Promise<void>;
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, CheckResult>;
}

const CHECK_TIMEOUT_MS = 2_000;

/** Runs every check at once, each bounded in time, so a hung dependency answers "not ready" promptly. */
export async function checkReadiness(checks: ReadinessCheck[]): Promise<Readiness> {
  const results = await Promise.all(checks.map(async (check) => [check, await within(check.run(), CHECK_TIMEOUT_MS)] as const));
  return {
    ready: results.every(([check, result]) => result === 'ok' || !check.required),
    checks: Object.fromEntries(results.map(([check, result]) => [check.name, result])),
  };
}

async function within(work: Promise<void>, ms: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  try {
    await Promise.race([work, late]);
    return 'ok';
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** PostgreSQL answers, and every migration this build carries (`migrations`) is applied (a newer one elsewhere is fine). */
export function databaseChecks(root: EntityManager, migrations: readonly string[]): ReadinessCheck[] {
  return [
    { name: 'postgres', required: true, run: async () => void (await root.fork().execute('select 1')) },
    {
      name: 'migrations',
      required: true,
      run: async () => {
        const applied = new Set((await root.fork().execute<{ name: string }[]>('select name from mikro_orm_migrations')).map((r) => r.name));
        const pending = migrations.filter((name) => !applied.has(name));
        if (pending.length) throw new Error(`not applied: ${pending.join(', ')}`);
      },
    },
  ];
}
