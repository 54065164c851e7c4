import { Migration } from '@mikro-orm/migrations';

export class Migration20261122053556 extends Migration {

  override name = 'Migration20261122053556';

  override up(): void | Promise<void> {
    this.addSql(`alter table "delivery" drop constraint "delivery_message_type_check";`);
    this.addSql(`alter table "delivery" add constraint "delivery_message_type_check" check ("message_type" in ('TICKET_ACKNOWLEDGED', 'TICKET_DISPATCHED_TO_YOU', 'TICKET_SLA_WARNING', 'TICKET_RESOLVED_PLEASE_RATE', 'TICKET_REOPENED', 'CARE_VISIT_OVERDUE', 'PARTY_SECRETARY_APPOINTED', 'MEETING_CONVENED', 'NOTICE_PUBLISHED', 'NOTICE_EMERGENCY'));`);

    this.addSql(`alter table "inbox_message" drop constraint "inbox_message_type_check";`);
    this.addSql(`alter table "inbox_message" add constraint "inbox_message_type_check" check ("type" in ('TICKET_ACKNOWLEDGED', 'TICKET_DISPATCHED_TO_YOU', 'TICKET_SLA_WARNING', 'TICKET_RESOLVED_PLEASE_RATE', 'TICKET_REOPENED', 'CARE_VISIT_OVERDUE', 'PARTY_SECRETARY_APPOINTED', 'MEETING_CONVENED', 'NOTICE_PUBLISHED', 'NOTICE_EMERGENCY'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "delivery" drop constraint "delivery_message_type_check";`);
    this.addSql(`alter table "delivery" add constraint "delivery_message_type_check" check ("message_type" in ('TICKET_ACKNOWLEDGED', 'TICKET_DISPATCHED_TO_YOU', 'TICKET_SLA_WARNING', 'TICKET_RESOLVED_PLEASE_RATE', 'TICKET_REOPENED', 'CARE_VISIT_OVERDUE', 'PARTY_SECRETARY_APPOINTED', 'NOTICE_PUBLISHED', 'NOTICE_EMERGENCY'));`);

    this.addSql(`alter table "inbox_message" drop constraint "inbox_message_type_check";`);
    this.addSql(`alter table "inbox_message" add constraint "inbox_message_type_check" check ("type" in ('TICKET_ACKNOWLEDGED', 'TICKET_DISPATCHED_TO_YOU', 'TICKET_SLA_WARNING', 'TICKET_RESOLVED_PLEASE_RATE', 'TICKET_REOPENED', 'CARE_VISIT_OVERDUE', 'PARTY_SECRETARY_APPOINTED', 'NOTICE_PUBLISHED', 'NOTICE_EMERGENCY'));`);
  }

}
