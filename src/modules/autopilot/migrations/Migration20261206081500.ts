import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Discount codes in cart reminders: the code, promotion and expiry of each
 * step that offered one (and when cart pruning removed it), and on the
 * lead the latest code offered and whether the order used one.
 */
export class Migration20261206081500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "autopilot_cart_reminder" add column if not exists "promotion_code" text null, add column if not exists "promotion_id" text null, add column if not exists "promotion_expires_at" timestamptz null, add column if not exists "promotion_removed_at" timestamptz null;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_autopilot_cart_reminder_promotion_open" ON "autopilot_cart_reminder" ("promotion_expires_at") WHERE promotion_code IS NOT NULL AND promotion_removed_at IS NULL AND deleted_at IS NULL;`
    )
    this.addSql(
      `alter table if exists "autopilot_cart_lead" add column if not exists "discount_code" text null, add column if not exists "discount_used" boolean not null default false;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `drop index if exists "IDX_autopilot_cart_reminder_promotion_open";`
    )
    this.addSql(
      `alter table if exists "autopilot_cart_reminder" drop column if exists "promotion_code", drop column if exists "promotion_id", drop column if exists "promotion_expires_at", drop column if exists "promotion_removed_at";`
    )
    this.addSql(
      `alter table if exists "autopilot_cart_lead" drop column if exists "discount_code", drop column if exists "discount_used";`
    )
  }
}
