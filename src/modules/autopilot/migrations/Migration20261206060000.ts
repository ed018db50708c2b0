import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** Late or stuck parcels: `lateness` (delayed, stalled), when it began, the carrier's latest event. */
export class Migration20261206060000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "autopilot_tracked_shipment" add column if not exists "lateness" text check ("lateness" in ('delayed', 'stalled')) null, add column if not exists "late_since" timestamptz null, add column if not exists "last_carrier_event_at" timestamptz null;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_autopilot_tracked_shipment_lateness" ON "autopilot_tracked_shipment" ("lateness") WHERE lateness IS NOT NULL AND deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `drop index if exists "IDX_autopilot_tracked_shipment_lateness";`
    )
    this.addSql(
      `alter table if exists "autopilot_tracked_shipment" drop column if exists "lateness", drop column if exists "late_since", drop column if exists "last_carrier_event_at";`
    )
  }
}
