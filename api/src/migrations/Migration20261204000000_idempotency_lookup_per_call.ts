import { Migration } from '@mikro-orm/migrations';

/**
 * `intake_write` looks up the complaint filed earlier under an idempotency key with a plan made per call.
 *
 * PL/pgSQL keeps a statement's plan from its first calls, and a kept plan is replaced only when the table's
 * statistics change. A new database has none: its first intakes planned the lookup with every index on
 * complaints looking alike, and the kept plan read the tenant's rows by (tenant_id, category_code, created_at),
 * filtering on the key, instead of using the unique (tenant_id, idempotency_key). Each intake then read all
 * of the tenant's complaints until autovacuum first analysed the table, up to a minute on (pg_stat_statements:
 * 0.73 ms per lookup at 2,200 complaints, growing). Planned per call, the row count comes from the table's
 * actual size and the unique index wins from a few hundred rows on; planning it costs about 0.03 ms.
 */
export class Migration20261204000000_idempotency_lookup_per_call extends Migration {
  override async up(): Promise<void> {
    // Only that statement changes: it is replaced in the function's stored definition (the body is the one
    // Migration20261203000000_planned_once wrote), and the migration fails rather than leave it unchanged.
    this.addSql(`
      do $do$
      declare
        v_old text := pg_get_functiondef('intake_write(text, uuid, text, jsonb, jsonb, jsonb, jsonb)'::regprocedure);
        v_new text := regexp_replace(v_old,
          'select c\\.id, c\\.request_hash into earlier_id, earlier_hash\\s+from complaints c where c\\.tenant_id = p_tenant and c\\.idempotency_key = p_idempotency_key;\\s+if found then',
          $new$execute 'select c.id, c.request_hash from complaints c where c.tenant_id = $1 and c.idempotency_key = $2'
          into earlier_id, earlier_hash using p_tenant, p_idempotency_key;
        if earlier_id is not null then$new$);
      begin
        if v_new = v_old then
          raise exception 'intake_write: the idempotency lookup to replace was not found';
        end if;
        execute v_new;
      end $do$;`);
  }
}
