import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261206030000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "autopilot_token" drop constraint if exists "autopilot_token_purpose_check";`);
    this.addSql(`alter table if exists "autopilot_token" add constraint "autopilot_token_purpose_check" check("purpose" in ('restock_confirm', 'unsubscribe', 'restock_alert', 'cart_recovery', 'shipment_status'));`);

    this.addSql(`alter table if exists "autopilot_tracked_shipment" add column if not exists "estimated_delivery_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "autopilot_token" where "purpose" = 'shipment_status';`);
    this.addSql(`alter table if exists "autopilot_token" drop constraint if exists "autopilot_token_purpose_check";`);
    this.addSql(`alter table if exists "autopilot_token" add constraint "autopilot_token_purpose_check" check("purpose" in ('restock_confirm', 'unsubscribe', 'restock_alert', 'cart_recovery'));`);

    this.addSql(`alter table if exists "autopilot_tracked_shipment" drop column if exists "estimated_delivery_at";`);
  }

}
