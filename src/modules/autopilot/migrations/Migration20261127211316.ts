import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127211316 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "autopilot_inventory_finding" drop constraint if exists "autopilot_inventory_finding_fingerprint_unique";`);
    this.addSql(`create table if not exists "autopilot_inventory_finding" ("id" text not null, "type" text check ("type" in ('reserved_drift', 'orphaned_reservation', 'negative_stock', 'overreserved', 'unused_location_stock')) not null, "fingerprint" text not null, "mode" text check ("mode" in ('report', 'fix')) not null default 'report', "status" text check ("status" in ('open', 'fixed', 'resolved')) not null default 'open', "inventory_item_id" text null, "location_id" text null, "reservation_id" text null, "line_item_id" text null, "order_id" text null, "details" jsonb not null, "first_seen_at" timestamptz not null, "last_seen_at" timestamptz not null, "fixed_at" timestamptz null, "resolved_at" timestamptz null, "fix_error" text null, "last_run_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_inventory_finding_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_inventory_finding_deleted_at" ON "autopilot_inventory_finding" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_autopilot_inventory_finding_fingerprint_unique" ON "autopilot_inventory_finding" ("fingerprint") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_inventory_finding_status" ON "autopilot_inventory_finding" ("status", "type") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "autopilot_stock_feed_change" ("id" text not null, "run_id" text not null, "sku" text not null, "inventory_item_id" text not null, "location_id" text not null, "from_quantity" integer not null, "to_quantity" integer not null, "applied_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_stock_feed_change_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_stock_feed_change_deleted_at" ON "autopilot_stock_feed_change" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_stock_feed_change_run" ON "autopilot_stock_feed_change" ("run_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_stock_feed_change_item" ON "autopilot_stock_feed_change" ("inventory_item_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "autopilot_inventory_finding" cascade;`);

    this.addSql(`drop table if exists "autopilot_stock_feed_change" cascade;`);
  }

}
