import { Migration } from '@mikro-orm/migrations';

/** The queue's search box finds a complaint by its number or the number's tail ("000139") through a trigram index. */
export class Migration20261206900000_number_search extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index complaints_number_trgm_idx on complaints using gin (number gin_trgm_ops);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index complaints_number_trgm_idx;`);
  }
}
