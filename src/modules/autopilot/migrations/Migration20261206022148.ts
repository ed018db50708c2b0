import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206022148 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "autopilot_notification_send" drop constraint if exists "autopilot_notification_send_key_unique";`);
    this.addSql(`create table if not exists "autopilot_notification_send" ("id" text not null, "idempotency_key" text not null, "name" text not null, "job_name" text null, "run_id" text null, "item_id" text not null, "status" text check ("status" in ('sending', 'unconfirmed', 'resent')) not null default 'sending', "started_at" timestamptz not null, "notification_id" text null, "unconfirmed_at" timestamptz null, "resent_notification_id" text null, "resent_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_notification_send_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_notification_send_deleted_at" ON "autopilot_notification_send" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_autopilot_notification_send_key_unique" ON "autopilot_notification_send" ("idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_notification_send_status" ON "autopilot_notification_send" ("status", "started_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "autopilot_notification_send" cascade;`);
  }

}
