import { model } from "@medusajs/framework/utils"
import { CART_LEAD_STATUSES } from "../../../types"

/**
 * A shopper who left a cart with an email or a customer account: the lead
 * the shop keeps after the cart itself is gone. One row per cart, created
 * when the first reminder goes out or, at the latest, right before the cart
 * is pruned (then with the item snapshot and total).
 *
 * `status`: `open` (cart still exists) → `recovered` (became an order after a
 * reminder) or `archived` (cart pruned).
 */
export const CartLead = model
  .define("autopilot_cart_lead", {
    id: model.id({ prefix: "apcl" }).primaryKey(),
    cart_id: model.text(),
    /** Lower-cased. */
    email: model.text().nullable(),
    customer_id: model.text().nullable(),
    sales_channel_id: model.text().nullable(),
    region_id: model.text().nullable(),
    currency_code: model.text().nullable(),
    status: model.enum([...CART_LEAD_STATUSES]).default("open"),
    /** Items as they were: title, variant, sku, quantity, unit price, thumbnail. */
    items: model.json().nullable(),
    /** Cart total in the currency's main unit, at the last snapshot. */
    total: model.bigNumber().nullable(),
    cart_created_at: model.dateTime().nullable(),
    last_active_at: model.dateTime().nullable(),
    reminders_sent: model.number().default(0),
    /** The consent the reminders relied on: `all` or `marketing_opt_in`, and whether it was given. */
    consent: model.json().nullable(),
    recovered_order_id: model.text().nullable(),
    recovered_total: model.bigNumber().nullable(),
    recovered_at: model.dateTime().nullable(),
    /** The latest discount code a reminder of the cart offered. */
    discount_code: model.text().nullable(),
    /** The recovering order used one of the cart's reminder codes. */
    discount_used: model.boolean().default(false),
    archived_at: model.dateTime().nullable(),
  })
  .indexes([
    {
      name: "IDX_autopilot_cart_lead_cart_id",
      on: ["cart_id"],
      unique: true,
      where: "deleted_at IS NULL",
    },
    { name: "IDX_autopilot_cart_lead_status", on: ["status", "created_at"] },
    {
      name: "IDX_autopilot_cart_lead_email",
      on: ["email"],
      where: "email IS NOT NULL",
    },
    {
      // The admin overview: recovered carts per day.
      name: "IDX_autopilot_cart_lead_recovered_at",
      on: ["recovered_at"],
      where: "recovered_at IS NOT NULL AND deleted_at IS NULL",
    },
  ])
