import { Migration } from '@mikro-orm/migrations';

export class Migration20261122063230 extends Migration {

  override name = 'Migration20261122063230';

  override up(): void | Promise<void> {
    this.addSql(`create table "unit_follower" ("unit_id" varchar(128) not null, "person_id" varchar(128) not null, "since" timestamptz(3) not null, primary key ("unit_id", "person_id"));`);

    this.addSql(`alter table "delivery" drop constraint "delivery_message_type_check";`);
    this.addSql(`alter table "delivery" add constraint "delivery_message_type_check" check ("message_type" in ('TICKET_ACKNOWLEDGED', 'TICKET_DISPATCHED_TO_YOU', 'TICKET_ESCALATED_TO_YOUR_DEPARTMENT', 'TICKET_SLA_WARNING', 'TICKET_RESOLVED_PLEASE_RATE', 'TICKET_REOPENED', 'CARE_VISIT_OVERDUE', 'PARTY_SECRETARY_APPOINTED', 'MEETING_CONVENED', 'NOTICE_PUBLISHED', 'NOTICE_EMERGENCY'));`);

    this.addSql(`alter table "inbox_message" drop constraint "inbox_message_type_check";`);
    this.addSql(`alter table "inbox_message" add constraint "inbox_message_type_check" check ("type" in ('TICKET_ACKNOWLEDGED', 'TICKET_DISPATCHED_TO_YOU', 'TICKET_ESCALATED_TO_YOUR_DEPARTMENT', 'TICKET_SLA_WARNING', 'TICKET_RESOLVED_PLEASE_RATE', 'TICKET_REOPENED', 'CARE_VISIT_OVERDUE', 'PARTY_SECRETARY_APPOINTED', 'MEETING_CONVENED', 'NOTICE_PUBLISHED', 'NOTICE_EMERGENCY'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "unit_follower" cascade;`);

    this.addSql(`alter table "delivery" drop constraint "delivery_message_type_check";`);
    this.addSql(`alter table "delivery" add constraint "delivery_message_type_check" check ("message_type" in ('TICKET_ACKNOWLEDGED', 'TICKET_DISPATCHED_TO_YOU', 'TICKET_SLA_WARNING', 'TICKET_RESOLVED_PLEASE_RATE', 'TICKET_REOPENED', 'CARE_VISIT_OVERDUE', 'PARTY_SECRETARY_APPOINTED', 'MEETING_CONVENED', 'NOTICE_PUBLISHED', 'NOTICE_EMERGENCY'));`);

    this.addSql(`alter table "inbox_message" drop constraint "inbox_message_type_check";`);
    this.addSql(`alter table "inbox_message" add constraint "inbox_message_type_check" check ("type" in ('TICKET_ACKNOWLEDGED', 'TICKET_DISPATCHED_TO_YOU', 'TICKET_SLA_WARNING', 'TICKET_RESOLVED_PLEASE_RATE', 'TICKET_REOPENED', 'CARE_VISIT_OVERDUE', 'PARTY_SECRETARY_APPOINTED', 'MEETING_CONVENED', 'NOTICE_PUBLISHED', 'NOTICE_EMERGENCY'));`);
  }

}
