import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127211943 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "autopilot_token" drop constraint if exists "autopilot_token_hash_unique";`);
    this.addSql(`alter table if exists "autopilot_state" drop constraint if exists "autopilot_state_key_unique";`);
    this.addSql(`alter table if exists "autopilot_restock_subscription" drop constraint if exists "autopilot_restock_subscription_unique";`);
    this.addSql(`alter table if exists "autopilot_restock_queue" drop constraint if exists "autopilot_restock_queue_variant_unique";`);
    this.addSql(`alter table if exists "autopilot_rate_limit" drop constraint if exists "autopilot_rate_limit_key_unique";`);
    this.addSql(`create table if not exists "autopilot_rate_limit" ("id" text not null, "key" text not null, "window_start" timestamptz not null, "count" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_rate_limit_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_rate_limit_deleted_at" ON "autopilot_rate_limit" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_autopilot_rate_limit_key_unique" ON "autopilot_rate_limit" ("key", "window_start") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "autopilot_restock_queue" ("id" text not null, "variant_id" text not null, "reason" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_restock_queue_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_restock_queue_deleted_at" ON "autopilot_restock_queue" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_autopilot_restock_queue_variant_unique" ON "autopilot_restock_queue" ("variant_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "autopilot_restock_subscription" ("id" text not null, "variant_id" text not null, "sales_channel_id" text not null, "email" text not null, "customer_id" text null, "locale" text null, "status" text check ("status" in ('pending_confirmation', 'active', 'notified', 'unsubscribed', 'expired')) not null default 'active', "active_since" timestamptz null, "confirmed_at" timestamptz null, "notified_at" timestamptz null, "wave_id" text null, "unsubscribed_at" timestamptz null, "expired_at" timestamptz null, "converted_at" timestamptz null, "converted_order_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_restock_subscription_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_restock_subscription_deleted_at" ON "autopilot_restock_subscription" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_autopilot_restock_subscription_unique" ON "autopilot_restock_subscription" ("variant_id", "sales_channel_id", "email") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_restock_subscription_waiting" ON "autopilot_restock_subscription" ("variant_id", "sales_channel_id", "status", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_restock_subscription_email" ON "autopilot_restock_subscription" ("email", "status") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "autopilot_restock_wave" ("id" text not null, "variant_id" text not null, "sales_channel_id" text not null, "available" integer null, "waiting" integer not null, "size" integer not null, "sent" integer not null default 0, "run_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_restock_wave_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_restock_wave_deleted_at" ON "autopilot_restock_wave" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_restock_wave_variant" ON "autopilot_restock_wave" ("variant_id", "created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "autopilot_state" ("id" text not null, "key" text not null, "value" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_state_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_state_deleted_at" ON "autopilot_state" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_autopilot_state_key_unique" ON "autopilot_state" ("key") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "autopilot_token" ("id" text not null, "hash" text not null, "purpose" text check ("purpose" in ('restock_confirm', 'unsubscribe', 'restock_alert', 'cart_recovery')) not null, "subject_id" text not null, "expires_at" timestamptz null, "used_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_token_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_token_deleted_at" ON "autopilot_token" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_autopilot_token_hash_unique" ON "autopilot_token" ("hash") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_token_subject" ON "autopilot_token" ("subject_id", "purpose") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "autopilot_rate_limit" cascade;`);

    this.addSql(`drop table if exists "autopilot_restock_queue" cascade;`);

    this.addSql(`drop table if exists "autopilot_restock_subscription" cascade;`);

    this.addSql(`drop table if exists "autopilot_restock_wave" cascade;`);

    this.addSql(`drop table if exists "autopilot_state" cascade;`);

    this.addSql(`drop table if exists "autopilot_token" cascade;`);
  }

}
