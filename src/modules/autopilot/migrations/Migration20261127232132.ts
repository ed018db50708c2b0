import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127232132 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "autopilot_cart_optout" ("id" text not null, "email" text not null, "lead_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_cart_optout_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_cart_optout_deleted_at" ON "autopilot_cart_optout" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_autopilot_cart_optout_email" ON "autopilot_cart_optout" ("email") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "autopilot_cart_reminder" ("id" text not null, "cart_id" text not null, "step" integer not null, "email" text not null, "status" text check ("status" in ('claimed', 'sent')) not null default 'claimed', "run_id" text null, "notification_id" text null, "sent_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_cart_reminder_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_cart_reminder_deleted_at" ON "autopilot_cart_reminder" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_autopilot_cart_reminder_cart_step" ON "autopilot_cart_reminder" ("cart_id", "step") WHERE deleted_at IS NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_cart_activity_remind" ON "autopilot_cart_activity" ("reminders_sent", "last_active_at", "id") WHERE state = 'open' AND email IS NOT NULL AND item_count > 0 AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "autopilot_cart_optout" cascade;`);

    this.addSql(`drop table if exists "autopilot_cart_reminder" cascade;`);

    this.addSql(`drop index if exists "IDX_autopilot_cart_activity_remind";`);
  }

}
