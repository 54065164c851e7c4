import { Migration } from '@mikro-orm/migrations';

export class Migration20261122073211 extends Migration {

  override name = 'Migration20261122073211';

  /**
   * The outbox holds only events still to be sent: the relay deletes a row once JetStream has stored it.
   * Rows already published go first, or the relay would send them again without their published mark.
   * Payload and headers become the text that is published, so nothing parses them twice.
   */
  override up(): void | Promise<void> {
    this.addSql(`delete from "outbox" where "published_at" is not null;`);
    this.addSql(`drop index "outbox_pending_idx";`);
    this.addSql(`alter table "outbox" drop column "published_at";`);
    this.addSql(`alter table "outbox" alter column "payload" type text using ("payload"::text);`);
    this.addSql(`alter table "outbox" alter column "headers" type text using ("headers"::text);`);
    this.addSql(`create index "outbox_created_idx" on "outbox" ("created_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "outbox_created_idx";`);
    this.addSql(`alter table "outbox" add "published_at" timestamptz(3) null;`);
    this.addSql(`alter table "outbox" alter column "payload" type jsonb using ("payload"::jsonb);`);
    this.addSql(`alter table "outbox" alter column "headers" type jsonb using ("headers"::jsonb);`);
    this.addSql(`create index "outbox_pending_idx" on "outbox" ("created_at") where published_at IS NULL;`);
  }

}
