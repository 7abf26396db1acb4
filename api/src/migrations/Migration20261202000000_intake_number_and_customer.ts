import { Migration } from '@mikro-orm/migrations';

/**
 * Intake needs a number (allocated outside its transaction, see ComplaintNumbers) and, when the submission
 * names a customer by external id, that customer's id and tier for routing. The read needs nothing from the
 * intake's transaction, so it rides on the allocation's statement instead of costing a round trip of its
 * own. It runs as the caller: row-level security applies under the tenant the allocation sets.
 */
export class Migration20261202000000_intake_number_and_customer extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function allocate_intake_number(p_tenant uuid, p_day date, p_customer_external_id text)
      returns table (value int, customer_id uuid, customer_tier text)
      language plpgsql volatile as $$
      begin
        value := allocate_complaint_number(p_tenant, p_day);
        if p_customer_external_id is not null then
          select c.id, c.tier into customer_id, customer_tier
            from customers c where c.tenant_id = p_tenant and c.external_id = p_customer_external_id;
        end if;
        return next;
      end $$;`);
    this.addSql(`grant execute on function allocate_intake_number(uuid, date, text) to complaints_app;`);
  }
}
