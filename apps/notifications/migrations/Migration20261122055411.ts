import { Migration } from '@mikro-orm/migrations';

export class Migration20261122055411 extends Migration {

  override name = 'Migration20261122055411';

  override up(): void | Promise<void> {
    this.addSql(`alter table "notice" drop constraint "notice_status_check";`);
    this.addSql(`alter table "notice" add "approval" jsonb null, add "retraction" jsonb null;`);
    this.addSql(`alter table "notice" add constraint "notice_status_check" check ("status" in ('PENDING_APPROVAL', 'SCHEDULED', 'DISPATCHING', 'DISPATCHED', 'RETRACTED'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "notice" drop constraint "notice_status_check";`);
    this.addSql(`alter table "notice" drop column "approval", drop column "retraction";`);
    this.addSql(`alter table "notice" add constraint "notice_status_check" check ("status" in ('SCHEDULED', 'DISPATCHING', 'DISPATCHED'));`);
  }

}
