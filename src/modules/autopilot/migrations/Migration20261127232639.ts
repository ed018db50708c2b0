import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261127232639 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "autopilot_tracked_shipment" drop constraint if exists "autopilot_tracked_shipment_unique";`);
    this.addSql(`create table if not exists "autopilot_shipment_event" ("id" text not null, "shipment_id" text not null, "status" text check ("status" in ('pending', 'info_received', 'in_transit', 'out_for_delivery', 'available_for_pickup', 'delivered', 'attempt_failed', 'exception', 'returned_to_sender', 'expired')) not null, "raw_status" text null, "message" text null, "location" text null, "occurred_at" timestamptz not null, "source" text check ("source" in ('webhook', 'poll', 'system')) not null, "applied" boolean not null default false, "dedupe_key" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_shipment_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_shipment_event_deleted_at" ON "autopilot_shipment_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_autopilot_shipment_event_dedupe" ON "autopilot_shipment_event" ("shipment_id", "dedupe_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_shipment_event_shipment" ON "autopilot_shipment_event" ("shipment_id", "occurred_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "autopilot_tracked_shipment" ("id" text not null, "provider" text not null, "tracking_number" text not null, "carrier" text null, "tracking_url" text null, "fulfillment_id" text not null, "label_id" text null, "order_id" text null, "status" text check ("status" in ('pending', 'info_received', 'in_transit', 'out_for_delivery', 'available_for_pickup', 'delivered', 'attempt_failed', 'exception', 'returned_to_sender', 'expired')) not null default 'pending', "progress_status" text check ("progress_status" in ('pending', 'info_received', 'in_transit', 'out_for_delivery', 'available_for_pickup', 'delivered', 'attempt_failed', 'exception', 'returned_to_sender', 'expired')) not null default 'pending', "raw_status" text null, "raw_message" text null, "last_event_at" timestamptz null, "last_checked_at" timestamptz null, "next_check_at" timestamptz null, "started_at" timestamptz not null, "delivered_at" timestamptz null, "delivered_marked_at" timestamptz null, "no_notification" boolean not null default false, "notify_pending" boolean not null default true, "notified" jsonb null, "last_error" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "autopilot_tracked_shipment_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_tracked_shipment_deleted_at" ON "autopilot_tracked_shipment" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_autopilot_tracked_shipment_unique" ON "autopilot_tracked_shipment" ("provider", "tracking_number", "fulfillment_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_tracked_shipment_number" ON "autopilot_tracked_shipment" ("provider", "tracking_number") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_tracked_shipment_due" ON "autopilot_tracked_shipment" ("next_check_at", "id") WHERE deleted_at IS NULL AND next_check_at IS NOT NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_tracked_shipment_order" ON "autopilot_tracked_shipment" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_tracked_shipment_fulfillment" ON "autopilot_tracked_shipment" ("fulfillment_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_tracked_shipment_status" ON "autopilot_tracked_shipment" ("status") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "autopilot_shipment_event" cascade;`);

    this.addSql(`drop table if exists "autopilot_tracked_shipment" cascade;`);
  }

}
