import { Migration } from '@mikro-orm/migrations';

/**
 * Evidence uploaded before the complaint exists (the Zendesk pattern: upload, then reference the upload in
 * the create call). Intake claims its uploads in its own transaction, turning each into an attachment row,
 * so a complaint is filed with all of its evidence or not at all. Unclaimed uploads expire after a day.
 */
export class Migration20261209000000_attachment_uploads extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table attachment_uploads (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        file_name text not null,
        content_type text not null,
        size_bytes int not null,
        storage_key text not null,
        uploaded_by text,
        created_at timestamptz not null default now()
      );`);
    this.addSql(`create index attachment_uploads_created_idx on attachment_uploads (created_at);`);
    this.addSql(`alter table attachment_uploads enable row level security;`);
    this.addSql(`alter table attachment_uploads force row level security;`);
    this.addSql(
      `create policy tenant_isolation on attachment_uploads using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());`,
    );
    this.addSql(`grant select, insert, delete on attachment_uploads to complaints_app;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table attachment_uploads');
  }
}
