import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127204211 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "autopilot_job_setting" drop constraint if exists "autopilot_job_setting_job_name_unique";`);
    this.addSql(`alter table if exists "autopilot_job_run" drop constraint if exists "autopilot_job_run_slot_unique";`);
    this.addSql(`create table if not exists "autopilot_job_run" ("id" text not null, "job_name" text not null, "trigger" text check ("trigger" in ('schedule', 'manual', 'api')) not null, "actor" text null, "dry_run" boolean not null default false, "status" text check ("status" in ('queued', 'running', 'succeeded', 'failed', 'canceled')) not null default 'queued', "scheduled_for" timestamptz null, "started_at" timestamptz null, "finished_at" timestamptz null, "heartbeat_at" timestamptz null, "instance" text null, "progress_done" integer not null default 0, "progress_total" integer null, "counters" jsonb null, "error" text null, "failures" jsonb null, "summary" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_job_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_job_run_deleted_at" ON "autopilot_job_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_job_run_job_created" ON "autopilot_job_run" ("job_name", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_job_run_status" ON "autopilot_job_run" ("status", "job_name") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_autopilot_job_run_slot_unique" ON "autopilot_job_run" ("job_name", "scheduled_for") WHERE scheduled_for IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "autopilot_job_setting" ("id" text not null, "job_name" text not null, "enabled" boolean not null default true, "paused_until" timestamptz null, "paused_reason" text null, "schedule" jsonb null, "options" jsonb null, "source" text check ("source" in ('options', 'admin')) not null default 'options', "updated_by" text null, "consecutive_failures" integer not null default 0, "last_success_at" timestamptz null, "last_success_run_id" text null, "last_failure_at" timestamptz null, "last_failure_run_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_job_setting_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_job_setting_deleted_at" ON "autopilot_job_setting" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_autopilot_job_setting_job_name_unique" ON "autopilot_job_setting" ("job_name") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "autopilot_job_setting_change" ("id" text not null, "job_name" text not null, "actor" text null, "changes" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_job_setting_change_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_job_setting_change_deleted_at" ON "autopilot_job_setting_change" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_job_setting_change_job_created" ON "autopilot_job_setting_change" ("job_name", "created_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "autopilot_job_run" cascade;`);

    this.addSql(`drop table if exists "autopilot_job_setting" cascade;`);

    this.addSql(`drop table if exists "autopilot_job_setting_change" cascade;`);
  }

}
