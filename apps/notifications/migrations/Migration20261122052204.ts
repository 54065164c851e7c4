import { Migration } from '@mikro-orm/migrations';

export class Migration20261122052204 extends Migration {

  override name = 'Migration20261122052204';

  override up(): void | Promise<void> {
    this.addSql(`create table "delivery" ("id" uuid not null, "dedupe_key" varchar(300) not null, "notice_id" uuid null, "message_type" text not null, "recipient_id" varchar(128) not null, "channel" text not null, "locale" text not null, "title" varchar(200) not null, "body" varchar(2000) not null, "address" varchar(200) null, "status" text not null, "reason" varchar(500) null, "not_before" timestamptz(3) not null, "attempts" int not null, "inbox_message_id" uuid null, "created_at" timestamptz(3) not null, "sent_at" timestamptz(3) null, "read_at" timestamptz(3) null, primary key ("id"));`);
    this.addSql(`alter table "delivery" add constraint "delivery_dedupe_unique" unique ("dedupe_key");`);
    this.addSql(`create index "delivery_notice_idx" on "delivery" ("notice_id", "recipient_id");`);
    // The throttle counts a person's recent deliveries; the sender takes queued ones whose time has come.
    this.addSql(`create index "delivery_recipient_recent_idx" on "delivery" ("recipient_id", "created_at");`);
    this.addSql(`create index "delivery_queued_idx" on "delivery" ("not_before") where "status" = 'QUEUED';`);

    this.addSql(`create table "door_to_door_task" ("id" uuid not null, "notice_id" uuid not null, "area_path" varchar(512) not null, "building_id" varchar(64) null, "assignees" jsonb not null, "households" jsonb not null, "status" varchar(16) not null, "created_at" timestamptz(3) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "door_to_door_task_notice_idx" on "door_to_door_task" ("notice_id");`);

    this.addSql(`create table "known_area" ("id" varchar(64) not null, "path" varchar(512) not null, "name" varchar(100) not null, "closed" boolean not null, primary key ("id"));`);
    this.addSql(`create index "known_area_path_idx" on "known_area" ("path");`);

    this.addSql(`create table "notice" ("id" uuid not null, "kind" text not null, "priority" text not null, "audience" jsonb not null, "content" jsonb not null, "channels" jsonb not null, "status" text not null, "published_by" varchar(128) not null, "scheduled_at" timestamptz(3) not null, "valid_until" timestamptz(3) null, "min_publication_days" int not null, "cursor" varchar(64) null, "recipients" int not null, "door_to_door_households" int not null, "created_at" timestamptz(3) not null, "dispatched_at" timestamptz(3) null, primary key ("id"));`);

    this.addSql(`create index "notice_due_idx" on "notice" ("scheduled_at") where "status" in ('SCHEDULED', 'DISPATCHING');`);

    this.addSql(`create table "preference" ("person_id" varchar(128) not null, "locale" text not null, "quiet_start" varchar(5) null, "quiet_end" varchar(5) null, "channels" jsonb not null, "contacts" jsonb not null, "updated_at" timestamptz(3) not null, primary key ("person_id"));`);

    this.addSql(`create table "resident" ("household_id" varchar(64) not null, "person_id" varchar(64) not null, "name" varchar(64) null, "phone" varchar(32) null, "has_account" boolean not null, "area_path" varchar(512) not null, "estate_id" varchar(64) null, "building_id" varchar(64) null, "stairwell_id" varchar(64) null, "unit_id" varchar(64) null, primary key ("household_id", "person_id"));`);
    this.addSql(`create index "resident_person_idx" on "resident" ("person_id");`);
    // Audiences are prefix matches on the area path (like '/…/%'), which need the pattern operator class.
    this.addSql(`create index "resident_area_path_idx" on "resident" ("area_path" varchar_pattern_ops);`);

    this.addSql(`create table "role_holder" ("post_id" varchar(128) not null, "person_id" varchar(64) not null, "role" varchar(32) not null, "area_path" varchar(512) not null, "building_id" varchar(64) null, primary key ("post_id"));`);
    this.addSql(`create index "role_holder_area_path_idx" on "role_holder" ("area_path" varchar_pattern_ops);`);
    this.addSql(`create index "role_holder_building_idx" on "role_holder" ("building_id");`);

    this.addSql(`alter table "inbox_message" drop constraint "inbox_message_type_check";`);
    this.addSql(`alter table "inbox_message" add "notice_id" uuid null;`);
    this.addSql(`alter table "inbox_message" add constraint "inbox_message_type_check" check ("type" in ('TICKET_ACKNOWLEDGED', 'TICKET_DISPATCHED_TO_YOU', 'TICKET_SLA_WARNING', 'TICKET_RESOLVED_PLEASE_RATE', 'TICKET_REOPENED', 'CARE_VISIT_OVERDUE', 'PARTY_SECRETARY_APPOINTED', 'NOTICE_PUBLISHED', 'NOTICE_EMERGENCY'));`);

    this.addSql(`alter table "delivery" add constraint "delivery_message_type_check" check ("message_type" in ('TICKET_ACKNOWLEDGED', 'TICKET_DISPATCHED_TO_YOU', 'TICKET_SLA_WARNING', 'TICKET_RESOLVED_PLEASE_RATE', 'TICKET_REOPENED', 'CARE_VISIT_OVERDUE', 'PARTY_SECRETARY_APPOINTED', 'NOTICE_PUBLISHED', 'NOTICE_EMERGENCY'));`);
    this.addSql(`alter table "delivery" add constraint "delivery_channel_check" check ("channel" in ('IN_APP', 'SMS', 'WECHAT', 'EMAIL'));`);
    this.addSql(`alter table "delivery" add constraint "delivery_locale_check" check ("locale" in ('zh-CN', 'en'));`);
    this.addSql(`alter table "delivery" add constraint "delivery_status_check" check ("status" in ('QUEUED', 'SENT', 'DELIVERED', 'READ', 'FAILED', 'THROTTLED', 'SUPPRESSED'));`);

    this.addSql(`alter table "notice" add constraint "notice_kind_check" check ("kind" in ('GENERAL', 'OUTAGE', 'WEATHER_WARNING', 'ANTI_FRAUD', 'WORKS', 'CONSULTATION', 'ELECTION', 'FEE_RULE', 'CONVENTION', 'VILLAGE_AFFAIRS'));`);
    this.addSql(`alter table "notice" add constraint "notice_priority_check" check ("priority" in ('EMERGENCY', 'IMPORTANT', 'ROUTINE'));`);
    this.addSql(`alter table "notice" add constraint "notice_status_check" check ("status" in ('SCHEDULED', 'DISPATCHING', 'DISPATCHED'));`);

    this.addSql(`alter table "preference" add constraint "preference_locale_check" check ("locale" in ('zh-CN', 'en'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "delivery" cascade;`);
    this.addSql(`drop table if exists "door_to_door_task" cascade;`);
    this.addSql(`drop table if exists "known_area" cascade;`);
    this.addSql(`drop table if exists "notice" cascade;`);
    this.addSql(`drop table if exists "preference" cascade;`);
    this.addSql(`drop table if exists "resident" cascade;`);
    this.addSql(`drop table if exists "role_holder" cascade;`);

    this.addSql(`alter table "inbox_message" drop constraint "inbox_message_type_check";`);
    this.addSql(`alter table "inbox_message" drop column "notice_id";`);
    this.addSql(`alter table "inbox_message" add constraint "inbox_message_type_check" check ("type" in ('TICKET_ACKNOWLEDGED', 'TICKET_DISPATCHED_TO_YOU', 'TICKET_RESOLVED_PLEASE_RATE', 'TICKET_REOPENED'));`);
  }

}
