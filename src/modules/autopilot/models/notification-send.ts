import { model } from "@medusajs/framework/utils"
import { NOTIFICATION_SEND_STATUSES } from "../../../types"

/**
 * One message the plugin handed to Medusa's Notification module and has not
 * seen confirmed. Written before the send and deleted once Medusa's answer
 * is known, so it only outlives the send when the process stopped in
 * between: then Medusa's row may stay `pending` for good, and its
 * idempotency key keeps anything from sending it again. Such a row becomes
 * `unconfirmed` after the grace period and is listed for the merchant, who
 * can send it again. Holds no recipient: that stays in Medusa's row.
 */
export const NotificationSend = model
  .define("autopilot_notification_send", {
    id: model.id({ prefix: "apsend" }).primaryKey(),
    /** The idempotency key of Medusa's notification row. */
    idempotency_key: model.text(),
    /** The notification's name (its template key), e.g. `autopilot.cart.reminder`. */
    name: model.text(),
    /** The job whose run sent it; null for sends outside a run. */
    job_name: model.text().nullable(),
    run_id: model.text().nullable(),
    item_id: model.text(),
    status: model.enum([...NOTIFICATION_SEND_STATUSES]).default("sending"),
    started_at: model.dateTime(),
    /** Medusa's notification row, once known. */
    notification_id: model.text().nullable(),
    unconfirmed_at: model.dateTime().nullable(),
    /** Medusa's row of the merchant's "send again". */
    resent_notification_id: model.text().nullable(),
    resent_at: model.dateTime().nullable(),
  })
  .indexes([
    {
      name: "IDX_autopilot_notification_send_key_unique",
      on: ["idempotency_key"],
      unique: true,
      where: "deleted_at IS NULL",
    },
    {
      name: "IDX_autopilot_notification_send_status",
      on: ["status", "started_at"],
      where: "deleted_at IS NULL",
    },
  ])
