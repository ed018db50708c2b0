import { model } from "@medusajs/framework/utils"
import { RESTOCK_SUBSCRIPTION_STATUSES } from "../../../types"

/**
 * A shopper waiting for a sold-out variant in one sales channel. Kept, not
 * deleted, through its life: `pending_confirmation` (double opt-in) →
 * `active` → `notified`, or `unsubscribed` / `expired`.
 */
export const RestockSubscription = model
  .define("autopilot_restock_subscription", {
    id: model.id({ prefix: "aprs" }).primaryKey(),
    variant_id: model.text(),
    sales_channel_id: model.text(),
    /** Lower-cased. */
    email: model.text(),
    customer_id: model.text().nullable(),
    locale: model.text().nullable(),
    status: model.enum([...RESTOCK_SUBSCRIPTION_STATUSES]).default("active"),
    /** Since when it waits in its current cycle; part of the alert's idempotency key. */
    active_since: model.dateTime().nullable(),
    confirmed_at: model.dateTime().nullable(),
    notified_at: model.dateTime().nullable(),
    /** The wave that alerted it. */
    wave_id: model.text().nullable(),
    unsubscribed_at: model.dateTime().nullable(),
    expired_at: model.dateTime().nullable(),
    converted_at: model.dateTime().nullable(),
    converted_order_id: model.text().nullable(),
  })
  .indexes([
    {
      name: "IDX_autopilot_restock_subscription_unique",
      on: ["variant_id", "sales_channel_id", "email"],
      unique: true,
      where: "deleted_at IS NULL",
    },
    {
      name: "IDX_autopilot_restock_subscription_waiting",
      on: ["variant_id", "sales_channel_id", "status", "created_at"],
    },
    {
      name: "IDX_autopilot_restock_subscription_email",
      on: ["email", "status"],
    },
    {
      // The admin overview: alerts sent per day.
      name: "IDX_autopilot_restock_subscription_notified_at",
      on: ["notified_at"],
      where: "notified_at IS NOT NULL AND deleted_at IS NULL",
    },
    {
      // The admin overview: orders that followed an alert.
      name: "IDX_autopilot_restock_subscription_converted_at",
      on: ["converted_at"],
      where: "converted_at IS NOT NULL AND deleted_at IS NULL",
    },
  ])
