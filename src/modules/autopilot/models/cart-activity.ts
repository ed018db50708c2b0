import { model } from "@medusajs/framework/utils"
import { CART_ACTIVITY_STATES } from "../../../types"

/**
 * The plugin's own, indexed view of one cart's activity, fed by cart events
 * and a one-time backfill. Medusa's `cart` table has no index on
 * `updated_at`, `email` or `completed_at`, so the cart jobs find their work
 * here and only then read the few carts concerned through Query.
 *
 * `state`: `open` → `completed` (became an order) or `deleted` (pruned by the
 * plugin, or found gone). The row of a pruned cart is kept only as long as the
 * job needs it; the lasting record of a lead is `autopilot_cart_lead`.
 */
export const CartActivity = model
  .define("autopilot_cart_activity", {
    id: model.id({ prefix: "apca" }).primaryKey(),
    cart_id: model.text(),
    /** Lower-cased. */
    email: model.text().nullable(),
    customer_id: model.text().nullable(),
    sales_channel_id: model.text().nullable(),
    region_id: model.text().nullable(),
    currency_code: model.text().nullable(),
    item_count: model.number().default(0),
    /** The cart's own `created_at`. */
    cart_created_at: model.dateTime(),
    /** Last change seen on the cart (its `updated_at`, or the event time). */
    last_active_at: model.dateTime(),
    state: model.enum([...CART_ACTIVITY_STATES]).default("open"),
    completed_at: model.dateTime().nullable(),
    order_id: model.text().nullable(),
    /** Reminder steps sent so far (the ledger is the source of truth). */
    reminders_sent: model.number().default(0),
    last_reminder_at: model.dateTime().nullable(),
  })
  .indexes([
    {
      name: "IDX_autopilot_cart_activity_cart_id",
      on: ["cart_id"],
      unique: true,
      where: "deleted_at IS NULL",
    },
    {
      // the prune and reminder scans: open carts by age
      name: "IDX_autopilot_cart_activity_open_by_age",
      on: ["state", "last_active_at", "id"],
    },
    {
      // the reminder scan: per step, open carts with an email and items by age
      name: "IDX_autopilot_cart_activity_remind",
      on: ["reminders_sent", "last_active_at", "id"],
      where: "state = 'open' AND email IS NOT NULL AND item_count > 0",
    },
    {
      name: "IDX_autopilot_cart_activity_email",
      on: ["email"],
      where: "email IS NOT NULL",
    },
  ])
