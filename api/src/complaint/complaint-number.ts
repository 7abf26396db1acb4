import { Pool } from 'pg';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The tenant-local calendar day of an instant, as YYYYMMDD (formatters are costly to build: one per zone). */
function localDay(instant: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) dayFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(instant).replaceAll('-', '');
}

const formatComplaintNumber = (day: string, sequence: number): string => `CP-${day}-${String(sequence).padStart(6, '0')}`;

export interface NumberedIntake {
  number: string;
  customer: { id: string; tier: string } | null;
}

/**
 * Hands out numbers such as CP-20261122-000042, unique per tenant even under concurrent intake.
 * Each allocation is one autocommitted statement on its own small pool: the counter row is locked
 * for that statement only (holding it for a whole intake would serialise a tenant's intakes), and a
 * request already holding a connection of the main pool never waits on that same pool for this.
 * A rolled-back intake leaves a gap, which is fine: numbers are unique, not gapless.
 */
export class ComplaintNumbers {
  private readonly pool: Pool;

  constructor(connectionString: string, size = 4) {
    // Idle connections must not keep a finished process (a CLI, a test worker) alive.
    // No WAL flush of its own per allocation: the complaint that carries a number commits after it with a
    // flush that covers it (WAL is flushed in order), and a number lost with an uncommitted intake is unused.
    this.pool = new Pool({ connectionString, max: size, allowExitOnIdle: true, options: '-c synchronous_commit=off' });
    // An idle connection the server ends (restart, terminated backend) is reported here and dropped from the
    // pool; the next allocation connects afresh. Unlistened, this 'error' event would crash the process.
    this.pool.on('error', () => undefined);
  }

  /**
   * The next number of the tenant's local day; with `customerExternalId`, also the stored customer that
   * external id names (null when there is none), read on the same statement.
   */
  async next(tenantId: string, instant: Date, timeZone: string, customerExternalId: string | null = null): Promise<NumberedIntake> {
    const day = localDay(instant, timeZone);
    const { rows } = await this.pool.query<{ value: number; customer_id: string | null; customer_tier: string | null }>({
      // Named: parsed and planned once per connection.
      name: 'allocate_intake_number',
      text: 'select value, customer_id, customer_tier from allocate_intake_number($1, $2, $3)',
      values: [tenantId, `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`, customerExternalId],
    });
    const row = rows[0];
    return { number: formatComplaintNumber(day, row.value), customer: row.customer_id ? { id: row.customer_id, tier: row.customer_tier! } : null };
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
