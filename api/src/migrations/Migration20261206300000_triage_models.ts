import { Migration } from '@mikro-orm/migrations';

/**
 * A tenant's trained triage models, versioned so an admin can roll back: one row per training, at most
 * one active per predicted field. `model` is the classifier's plain JSON (api/src/triage/naive-bayes.ts);
 * `metrics` its held-out figures. Intake reads the active row only when the submitter left the field out.
 */
export class Migration20261206300000_triage_models extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table triage_models (
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        version int not null,
        field text not null check (field in ('category', 'severity')),
        model jsonb not null,
        metrics jsonb,
        active boolean not null default false,
        created_at timestamptz not null default now(),
        primary key (tenant_id, version)
      );`);
    this.addSql(`create unique index triage_models_active_idx on triage_models (tenant_id, field) where active;`);
    this.addSql(`alter table triage_models enable row level security;`);
    this.addSql(`alter table triage_models force row level security;`);
    this.addSql(`create policy tenant_isolation on triage_models using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());`);
    this.addSql(`grant select, insert, update on triage_models to complaints_app;`);
  }
}
