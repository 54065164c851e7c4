import { Migration } from '@mikro-orm/migrations';

export class Migration20261122051129 extends Migration {

  override name = 'Migration20261122051129';

  override up(): void | Promise<void> {
    this.addSql(`create table "care_profile" ("id" uuid not null, "area_path" varchar(512) not null, "household_id" varchar(64) null, "person_id" varchar(64) null, "name" varchar(64) not null, "care_tags" jsonb not null, "care_risk_colour" text not null, "visit_streams" jsonb not null, "visitors" jsonb not null, "schedule" jsonb not null, "next_care_check_at" timestamptz(3) null, "next_due_at" timestamptz(3) not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "care_profile_area_path_idx" on "care_profile" ("area_path");`);
    this.addSql(`create index "care_profile_next_check_idx" on "care_profile" ("next_care_check_at");`);
    this.addSql(`create index "care_profile_next_due_idx" on "care_profile" ("next_due_at");`);

    this.addSql(`create table "care_visit" ("id" uuid not null, "profile_id" uuid not null, "stream" varchar(32) not null, "by" varchar(128) not null, "at" timestamptz(3) not null, "changes" text null, "opinions" text null, "hazards" jsonb not null, "on_time" boolean not null, primary key ("id"));`);
    this.addSql(`create index "care_visit_profile_idx" on "care_visit" ("profile_id");`);

    this.addSql(`alter table "care_profile" add constraint "care_profile_care_risk_colour_check" check ("care_risk_colour" in ('RED', 'YELLOW', 'GREEN'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "care_profile" cascade;`);
    this.addSql(`drop table if exists "care_visit" cascade;`);
  }

}
