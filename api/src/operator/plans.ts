import type { EntityManager } from '@mikro-orm/postgresql';

/** A row of `platform_plans`: the closed set of plans and their limits (enforcement: issue 13 §3). */
export interface Plan {
  code: string;
  name: string;
  staffSeats: number;
  complaintsPerMonth: number;
  apiRequestsPerMinute: number;
  attachmentStorageMb: number;
  webhookSubscriptions: number;
}

interface PlanRow {
  code: string;
  name: string;
  staff_seats: number;
  complaints_per_month: number;
  api_requests_per_minute: number;
  attachment_storage_mb: number;
  webhook_subscriptions: number;
}

const planOf = (r: PlanRow): Plan => ({
  code: r.code,
  name: r.name,
  staffSeats: r.staff_seats,
  complaintsPerMonth: r.complaints_per_month,
  apiRequestsPerMinute: r.api_requests_per_minute,
  attachmentStorageMb: r.attachment_storage_mb,
  webhookSubscriptions: r.webhook_subscriptions,
});

export async function listPlans(em: EntityManager): Promise<Plan[]> {
  const rows = await em.execute<PlanRow[]>('select * from platform_plans order by staff_seats');
  return rows.map(planOf);
}

export async function planExists(em: EntityManager, code: string): Promise<boolean> {
  const [row] = await em.execute<{ code: string }[]>('select code from platform_plans where code = ?', [code]);
  return Boolean(row);
}
