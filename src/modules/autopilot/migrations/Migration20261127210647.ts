import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127210647 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "autopilot_item_retry" drop constraint if exists "autopilot_item_retry_item_unique";`);
    this.addSql(`create table if not exists "autopilot_item_retry" ("id" text not null, "job_name" text not null, "item_id" text not null, "status" text check ("status" in ('failing', 'given_up')) not null default 'failing', "attempts" integer not null default 0, "last_error" text null, "first_failed_at" timestamptz not null, "last_failed_at" timestamptz not null, "next_attempt_at" timestamptz null, "last_run_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_item_retry_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_item_retry_deleted_at" ON "autopilot_item_retry" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_autopilot_item_retry_item_unique" ON "autopilot_item_retry" ("job_name", "item_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_item_retry_due" ON "autopilot_item_retry" ("job_name", "status", "next_attempt_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "autopilot_job_run" drop constraint if exists "autopilot_job_run_trigger_check";`);

    this.addSql(`alter table if exists "autopilot_job_run" add constraint "autopilot_job_run_trigger_check" check("trigger" in ('schedule', 'catch_up', 'manual', 'api'));`);

    this.addSql(`alter table if exists "autopilot_job_setting" add column if not exists "auto_paused_at" timestamptz null, add column if not exists "stale_notified_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "autopilot_item_retry" cascade;`);

    this.addSql(`alter table if exists "autopilot_job_run" drop constraint if exists "autopilot_job_run_trigger_check";`);

    this.addSql(`alter table if exists "autopilot_job_run" add constraint "autopilot_job_run_trigger_check" check("trigger" in ('schedule', 'manual', 'api'));`);

    this.addSql(`alter table if exists "autopilot_job_setting" drop column if exists "auto_paused_at", drop column if exists "stale_notified_at";`);
  }

}
