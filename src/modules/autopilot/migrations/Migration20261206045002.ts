import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/** Partial indexes on the timestamps the admin overview groups by (GET /admin/autopilot/overview). */
export class Migration20261206045002 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_cart_lead_recovered_at" ON "autopilot_cart_lead" ("recovered_at") WHERE recovered_at IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_inventory_finding_fixed_at" ON "autopilot_inventory_finding" ("fixed_at") WHERE fixed_at IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_payment_recovery_recovered_at" ON "autopilot_payment_recovery" ("recovered_at") WHERE recovered_at IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_restock_subscription_notified_at" ON "autopilot_restock_subscription" ("notified_at") WHERE notified_at IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_restock_subscription_converted_at" ON "autopilot_restock_subscription" ("converted_at") WHERE converted_at IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_shipment_event_problem" ON "autopilot_shipment_event" ("occurred_at") WHERE status IN ('attempt_failed', 'exception', 'returned_to_sender') AND deleted_at IS NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_autopilot_tracked_shipment_delivered_at" ON "autopilot_tracked_shipment" ("delivered_at") WHERE delivered_at IS NOT NULL AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_autopilot_cart_lead_recovered_at";`);

    this.addSql(`drop index if exists "IDX_autopilot_inventory_finding_fixed_at";`);

    this.addSql(`drop index if exists "IDX_autopilot_payment_recovery_recovered_at";`);

    this.addSql(`drop index if exists "IDX_autopilot_restock_subscription_notified_at";`);
    this.addSql(`drop index if exists "IDX_autopilot_restock_subscription_converted_at";`);

    this.addSql(`drop index if exists "IDX_autopilot_shipment_event_problem";`);

    this.addSql(`drop index if exists "IDX_autopilot_tracked_shipment_delivered_at";`);
  }

}
