import { model } from "@medusajs/framework/utils"
import { CART_REMINDER_STATUSES } from "../../../types"

/**
 * The send ledger of cart reminders: one row per cart and step, claimed
 * (inserted) before the message goes out and marked `sent` after. The unique
 * (cart_id, step) index is what makes a step go out at most once per cart:
 * two overlapping runs cannot both claim it, and a run that died after
 * claiming leaves a row the next run finishes with the same notification
 * idempotency key (`cart-reminder:<cart_id>:<step>`).
 */
export const CartReminder = model
  .define("autopilot_cart_reminder", {
    id: model.id({ prefix: "apcr" }).primaryKey(),
    cart_id: model.text(),
    /** 1-based step of the sequence. */
    step: model.number(),
    /** Lower-cased. */
    email: model.text(),
    status: model.enum([...CART_REMINDER_STATUSES]).default("claimed"),
    /** The run that claimed (and sent) it. */
    run_id: model.text().nullable(),
    notification_id: model.text().nullable(),
    sent_at: model.dateTime().nullable(),
    /**
     * The step's single-use discount code, when the step has a discount.
     * Chosen (with its expiry) before the promotion is created, so a retry
     * finds the promotion by this code instead of making a second one.
     */
    promotion_code: model.text().nullable(),
    /** Medusa's promotion of that code, once created. */
    promotion_id: model.text().nullable(),
    /** When the code stops working (its campaign's `ends_at`). */
    promotion_expires_at: model.dateTime().nullable(),
    /** When cart pruning deleted the promotion (expired, or its cart ordered without it). */
    promotion_removed_at: model.dateTime().nullable(),
  })
  .indexes([
    {
      name: "IDX_autopilot_cart_reminder_cart_step",
      on: ["cart_id", "step"],
      unique: true,
      where: "deleted_at IS NULL",
    },
    {
      // Cart pruning's cleanup: codes still in place, by expiry.
      name: "IDX_autopilot_cart_reminder_promotion_open",
      on: ["promotion_expires_at"],
      where:
        "promotion_code IS NOT NULL AND promotion_removed_at IS NULL AND deleted_at IS NULL",
    },
  ])
