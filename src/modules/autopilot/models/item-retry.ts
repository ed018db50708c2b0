import { model } from "@medusajs/framework/utils"
import { ITEM_RETRY_STATUSES } from "../../../types"

/**
 * An item (a shipment, a subscription, a send…) that failed in a job's run
 * and is retried in later runs with exponential back-off and jitter, until
 * it succeeds (the row is deleted) or runs out of attempts (`given_up`).
 */
export const ItemRetry = model
  .define("autopilot_item_retry", {
    id: model.id({ prefix: "apitem" }).primaryKey(),
    job_name: model.text(),
    item_id: model.text(),
    status: model.enum([...ITEM_RETRY_STATUSES]).default("failing"),
    attempts: model.number().default(0),
    last_error: model.text().nullable(),
    first_failed_at: model.dateTime(),
    last_failed_at: model.dateTime(),
    /** Not retried before this; null once given up. */
    next_attempt_at: model.dateTime().nullable(),
    last_run_id: model.text().nullable(),
  })
  .indexes([
    {
      name: "IDX_autopilot_item_retry_item_unique",
      on: ["job_name", "item_id"],
      unique: true,
      where: "deleted_at IS NULL",
    },
    {
      name: "IDX_autopilot_item_retry_due",
      on: ["job_name", "status", "next_attempt_at"],
    },
  ])
