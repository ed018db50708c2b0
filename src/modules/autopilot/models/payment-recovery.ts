import { model } from "@medusajs/framework/utils"
import {
  PAYMENT_RECOVERY_KINDS,
  PAYMENT_RECOVERY_STATUSES,
} from "../../../types"

/**
 * One payment session the payment-recovery job follows: a customer who paid
 * (or started paying) at the provider but whose cart never became an order,
 * or an order placed with `pending_authorization`. Holds its own check
 * cadence so a restart does not reset it.
 */
export const PaymentRecovery = model
  .define("autopilot_payment_recovery", {
    id: model.id({ prefix: "aprec" }).primaryKey(),
    payment_session_id: model.text(),
    payment_collection_id: model.text(),
    cart_id: model.text(),
    /** The order the cart became (by this job or elsewhere). */
    order_id: model.text().nullable(),
    /** `cart`: no order yet; `order`: an order waits for its authorization. */
    kind: model.enum([...PAYMENT_RECOVERY_KINDS]).default("cart"),
    provider_id: model.text(),
    amount: model.bigNumber(),
    currency_code: model.text(),
    email: model.text().nullable(),
    status: model.enum([...PAYMENT_RECOVERY_STATUSES]).default("pending"),
    /** How it ended: `autopilot` (this job completed it), `elsewhere` (webhook or storefront), `provider_failed`, `expired`. */
    resolution: model.text().nullable(),
    /** Why it needs attention or was abandoned, in words. */
    reason: model.text().nullable(),
    /** The session status the provider reported last. */
    provider_status: model.text().nullable(),
    /** The provider's own payment id, for the merchant to look it up there. */
    provider_reference: model.text().nullable(),
    /** Checks made at the provider. */
    attempts: model.number().default(0),
    /** Provider errors in a row (timeouts, 500s, malformed answers). */
    errors: model.number().default(0),
    last_error: model.text().nullable(),
    session_created_at: model.dateTime(),
    last_checked_at: model.dateTime().nullable(),
    next_check_at: model.dateTime().nullable(),
    recovered_at: model.dateTime().nullable(),
    /** Medusa refunded or canceled the payment when completion failed. */
    refunded: model.boolean().default(false),
    attention_notified_at: model.dateTime().nullable(),
    dismissed_at: model.dateTime().nullable(),
    dismissed_by: model.text().nullable(),
  })
  .indexes([
    {
      name: "IDX_autopilot_payment_recovery_session_unique",
      on: ["payment_session_id"],
      unique: true,
      where: "deleted_at IS NULL",
    },
    {
      name: "IDX_autopilot_payment_recovery_due",
      on: ["status", "next_check_at"],
    },
    { name: "IDX_autopilot_payment_recovery_order", on: ["order_id"] },
    { name: "IDX_autopilot_payment_recovery_cart", on: ["cart_id"] },
    {
      // The admin overview: recoveries per day.
      name: "IDX_autopilot_payment_recovery_recovered_at",
      on: ["recovered_at"],
      where: "recovered_at IS NOT NULL AND deleted_at IS NULL",
    },
  ])
