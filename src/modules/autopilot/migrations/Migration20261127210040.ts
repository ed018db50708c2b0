import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127210040 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "autopilot_payment_recovery" drop constraint if exists "autopilot_payment_recovery_session_unique";`);
    this.addSql(`alter table if exists "autopilot_authorization_warning" drop constraint if exists "autopilot_authorization_warning_payment_unique";`);
    this.addSql(`create table if not exists "autopilot_authorization_warning" ("id" text not null, "payment_id" text not null, "payment_collection_id" text null, "order_id" text null, "provider_id" text not null, "amount" numeric not null, "currency_code" text not null, "authorized_at" timestamptz not null, "notified_at" timestamptz null, "resolved_at" timestamptz null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_authorization_warning_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_authorization_warning_deleted_at" ON "autopilot_authorization_warning" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_autopilot_authorization_warning_payment_unique" ON "autopilot_authorization_warning" ("payment_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "autopilot_payment_recovery" ("id" text not null, "payment_session_id" text not null, "payment_collection_id" text not null, "cart_id" text not null, "order_id" text null, "kind" text check ("kind" in ('cart', 'order')) not null default 'cart', "provider_id" text not null, "amount" numeric not null, "currency_code" text not null, "email" text null, "status" text check ("status" in ('pending', 'recovered', 'abandoned', 'needs_attention')) not null default 'pending', "resolution" text null, "reason" text null, "provider_status" text null, "provider_reference" text null, "attempts" integer not null default 0, "errors" integer not null default 0, "last_error" text null, "session_created_at" timestamptz not null, "last_checked_at" timestamptz null, "next_check_at" timestamptz null, "recovered_at" timestamptz null, "refunded" boolean not null default false, "attention_notified_at" timestamptz null, "dismissed_at" timestamptz null, "dismissed_by" text null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_payment_recovery_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_payment_recovery_deleted_at" ON "autopilot_payment_recovery" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_autopilot_payment_recovery_session_unique" ON "autopilot_payment_recovery" ("payment_session_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_payment_recovery_due" ON "autopilot_payment_recovery" ("status", "next_check_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_payment_recovery_order" ON "autopilot_payment_recovery" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_payment_recovery_cart" ON "autopilot_payment_recovery" ("cart_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "autopilot_authorization_warning" cascade;`);

    this.addSql(`drop table if exists "autopilot_payment_recovery" cascade;`);
  }

}
