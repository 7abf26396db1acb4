import type { EntityManager } from '@mikro-orm/postgresql';
import { SqlText, type ColumnValues } from '../platform/db/sql-rows';

export interface CustomerUpsert {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  /** Null keeps an existing customer's tier; a new customer then gets the default tier. */
  tier: string | null;
  externalId: string | null;
}

interface IntakeRows {
  tenantId: string;
  idempotencyKey: string;
  /** Upserted by external id (or inserted when it has none); its id becomes the complaint's customer_id. */
  customer: CustomerUpsert | null;
  /** Every complaints column except customer_id. */
  complaint: ColumnValues;
  /** complaint_events rows in timeline order, without complaint_id. */
  events: ColumnValues[];
  workflowOutbox: ColumnValues;
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
 * unless the idempotency key was used before: then nothing is written and the earlier complaint is returned.
 * The work is `intake_write` (a database function, so its statements are planned once per session); the
 * optional read runs after it in the same round trip and sees the rows it wrote.
 */
export async function writeIntake(em: EntityManager, rows: IntakeRows): Promise<IntakeWritten> {
  const c = rows.customer;
  const customer = c && { id: c.id, name: c.name, email: c.email, phone: c.phone, tier: c.tier, external_id: c.externalId };
  const sql = new SqlText().add(
    'select * from intake_write(?, ?::uuid, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb)',
    idempotencyLockKey(rows.tenantId, rows.idempotencyKey),
    rows.tenantId,
    rows.idempotencyKey,
    customer ? JSON.stringify(customer) : null,
    JSON.stringify(rows.complaint),
    JSON.stringify(rows.events),
    JSON.stringify(rows.workflowOutbox),
  );
  if (rows.then) sql.add(`; ${rows.then.sql}`, ...rows.then.params);

  const results = await em.execute<Record<string, unknown>[] | Record<string, unknown>[][]>(sql.text(), sql.params);
  // One statement answers with its rows, several with one row list per statement.
  const [[written], thenRows = []] = rows.then ? (results as Record<string, unknown>[][]) : [results as Record<string, unknown>[]];
  const { earlier_id, earlier_hash, customer_id } = written as { earlier_id: string | null; earlier_hash: string | null; customer_id: string | null };
  return {
    earlier: earlier_id ? { id: earlier_id, requestHash: earlier_hash } : null,
    customerId: customer_id,
    thenRows,
  };
}

/** The transaction lock that serialises submissions under one idempotency key (also taken by retries' lookups). */
export const idempotencyLockKey = (tenantId: string, idempotencyKey: string): string => `${tenantId}:${idempotencyKey}`;
