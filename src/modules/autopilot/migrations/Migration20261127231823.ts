import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127231823 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "autopilot_cart_activity" ("id" text not null, "cart_id" text not null, "email" text null, "customer_id" text null, "sales_channel_id" text null, "region_id" text null, "currency_code" text null, "item_count" integer not null default 0, "cart_created_at" timestamptz not null, "last_active_at" timestamptz not null, "state" text check ("state" in ('open', 'completed', 'deleted')) not null default 'open', "completed_at" timestamptz null, "order_id" text null, "reminders_sent" integer not null default 0, "last_reminder_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_cart_activity_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_cart_activity_deleted_at" ON "autopilot_cart_activity" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_autopilot_cart_activity_cart_id" ON "autopilot_cart_activity" ("cart_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_cart_activity_open_by_age" ON "autopilot_cart_activity" ("state", "last_active_at", "id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_cart_activity_email" ON "autopilot_cart_activity" ("email") WHERE email IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "autopilot_cart_lead" ("id" text not null, "cart_id" text not null, "email" text null, "customer_id" text null, "sales_channel_id" text null, "region_id" text null, "currency_code" text null, "status" text check ("status" in ('open', 'recovered', 'archived')) not null default 'open', "items" jsonb null, "total" numeric null, "cart_created_at" timestamptz null, "last_active_at" timestamptz null, "reminders_sent" integer not null default 0, "consent" jsonb null, "recovered_order_id" text null, "recovered_total" numeric null, "recovered_at" timestamptz null, "archived_at" timestamptz null, "raw_total" jsonb null, "raw_recovered_total" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_cart_lead_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_cart_lead_deleted_at" ON "autopilot_cart_lead" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_autopilot_cart_lead_cart_id" ON "autopilot_cart_lead" ("cart_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_cart_lead_status" ON "autopilot_cart_lead" ("status", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_cart_lead_email" ON "autopilot_cart_lead" ("email") WHERE email IS NOT NULL AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "autopilot_cart_activity" cascade;`);

    this.addSql(`drop table if exists "autopilot_cart_lead" cascade;`);
  }

}
