import { model } from "@medusajs/framework/utils"

/**
 * An authorized payment left uncaptured for so long that the authorization
 * may lapse at the provider (cards: commonly after 7 days). One row per
 * payment: the merchant is told once.
 */
export const AuthorizationWarning = model
  .define("autopilot_authorization_warning", {
    id: model.id({ prefix: "apauth" }).primaryKey(),
    payment_id: model.text(),
    payment_collection_id: model.text().nullable(),
    order_id: model.text().nullable(),
    provider_id: model.text(),
    amount: model.bigNumber(),
    currency_code: model.text(),
    authorized_at: model.dateTime(),
    notified_at: model.dateTime().nullable(),
    /** Captured or canceled since: no longer at risk. */
    resolved_at: model.dateTime().nullable(),
  })
  .indexes([
    {
      name: "IDX_autopilot_authorization_warning_payment_unique",
      on: ["payment_id"],
      unique: true,
      where: "deleted_at IS NULL",
    },
  ])
