import { Migration } from '@mikro-orm/migrations';

export class Migration20261122055204 extends Migration {

  override name = 'Migration20261122055204';

  override up(): void | Promise<void> {
    this.addSql(`alter table "delivery" add "data" jsonb null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "delivery" drop column "data";`);
  }

}
