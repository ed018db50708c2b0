import { model } from "@medusajs/framework/utils"

/**
 * An email address that unsubscribed from cart reminders (through the link
 * in a reminder). Plugin-wide: no cart of that address is reminded again.
 */
export const CartOptout = model
  .define("autopilot_cart_optout", {
    id: model.id({ prefix: "apco" }).primaryKey(),
    /** Lower-cased. */
    email: model.text(),
    /** The lead whose reminder carried the link. */
    lead_id: model.text().nullable(),
  })
  .indexes([
    {
      name: "IDX_autopilot_cart_optout_email",
      on: ["email"],
      unique: true,
      where: "deleted_at IS NULL",
    },
  ])
