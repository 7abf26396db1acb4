import { Migration } from '@mikro-orm/migrations';

/**
 * The shared store of request budgets (rate-limiter-flexible's RateLimiterPostgres layout: key, points,
 * expire in epoch ms), so several API processes count against one budget. Created here rather than by
 * the library at start: the application role may not create tables. It holds counters, no tenant data;
 * keys embed the tenant id where the budget is per tenant, so it is not under row-level security.
 * `key` is text rather than the library's varchar(255): an account key holds a tenant slug and an email.
 */
export class Migration20261205003100_rate_limits extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table rate_limits (
        key text primary key,
        points integer not null default 0,
        expire bigint
      );`);
    this.addSql(`create index rate_limits_expire_idx on rate_limits (expire);`);
    this.addSql(`grant select, insert, update, delete on rate_limits to complaints_app;`);
  }
}
