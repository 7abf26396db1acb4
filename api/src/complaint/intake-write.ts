import type { EntityManager } from '@mikro-orm/postgresql';
import { columnNames, SqlText, type Row } from '../platform/db/sql-rows';

export interface CustomerUpsert {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  /** Null keeps an existing customer's tier; a new customer then gets the default tier. */
  tier: string | null;
  externalId: string | null;
}

export interface IntakeRows {
  tenantId: string;
  idempotencyKey: string;
  /** Upserted by external id (or inserted when it has none); its id becomes the complaint's customer_id. */
  customer: CustomerUpsert | null;
  /** Every complaints column except customer_id. */
  complaint: Row;
  /** complaint_events rows in timeline order, without complaint_id. */
  events: Row[];
  workflowOutbox: Row;
  /** A read to run in the same round trip once the rows are written (it sees them). */
  then?: { sql: string; params: unknown[] } | null;
}

export interface IntakeWritten {
  /** The complaint filed earlier under this idempotency key: then nothing was written. */
  earlier: { id: string; requestHash: string | null } | null;
  customerId: string | null;
  thenRows: Record<string, unknown>[];
}

/**
 * Writes a new complaint with its customer, timeline events and workflow outbox row in one round trip,
 * unless the idempotency key was used before. Two statements: the first takes the key's transaction lock,
 * so concurrent retries with one key queue there; the second starts after the lock is held, so its
 * snapshot sees an earlier holder's committed complaint, and then writes nothing and returns that one.
 */
export async function writeIntake(em: EntityManager, rows: IntakeRows): Promise<IntakeWritten> {
  const sql = new SqlText();
  sql.add('select pg_advisory_xact_lock(hashtextextended(?, 0));', `${rows.tenantId}:${rows.idempotencyKey}`);
  sql.add('with earlier as (select id, request_hash from complaints where tenant_id = ?::uuid and idempotency_key = ?)', rows.tenantId, rows.idempotencyKey);
  if (rows.customer) {
    const c = rows.customer;
    const customer: Row = {
      id: [c.id, 'uuid'],
      tenant_id: [rows.tenantId, 'uuid'],
      name: [c.name, 'text'],
      email: [c.email, 'text'],
      phone: [c.phone, 'text'],
      tier: [c.tier ?? DEFAULT_TIER, 'text'],
      external_id: [c.externalId, 'text'],
    };
    sql.add(`, customer as (insert into customers (${columnNames(customer)}) select`);
    sql.addValues(customer);
    sql.add(`where not exists (select from earlier)
      on conflict (tenant_id, external_id) do update
        set name = excluded.name, email = coalesce(excluded.email, customers.email), phone = coalesce(excluded.phone, customers.phone), tier = coalesce(?::text, customers.tier)
      returning id)`, c.tier);
  }
  sql.add(`, complaint as (insert into complaints (${columnNames(rows.complaint)}, customer_id) select`);
  sql.addValues(rows.complaint);
  sql.add(`, ${rows.customer ? '(select id from customer)' : 'null'} where not exists (select from earlier) returning id)`);
  if (rows.events.length) {
    sql.add(`, events as (insert into complaint_events (${columnNames(rows.events[0]!)}, complaint_id)`);
    rows.events.forEach((event, i) => {
      sql.add(i === 0 ? 'select' : 'union all select');
      sql.addValues(event);
      sql.add(', complaint.id from complaint');
    });
    sql.add(')');
  }
  sql.add(`, outbox as (insert into workflow_outbox (${columnNames(rows.workflowOutbox)}) select`);
  sql.addValues(rows.workflowOutbox);
  sql.add('from complaint)');
  sql.add(`select (select id from earlier) as earlier_id, (select request_hash from earlier) as earlier_hash, ${rows.customer ? '(select id from customer)' : 'null::uuid'} as customer_id`);
  if (rows.then) sql.add(`; ${rows.then.sql}`, ...rows.then.params);

  const [, [written], thenRows = []] = await em.execute<Record<string, unknown>[][]>(sql.text(), sql.params);
  const { earlier_id, earlier_hash, customer_id } = written as { earlier_id: string | null; earlier_hash: string | null; customer_id: string | null };
  return {
    earlier: earlier_id ? { id: earlier_id, requestHash: earlier_hash } : null,
    customerId: customer_id,
    thenRows,
  };
}

const DEFAULT_TIER = 'standard';
