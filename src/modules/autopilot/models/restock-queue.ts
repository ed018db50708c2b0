import { model } from "@medusajs/framework/utils"

/** A variant whose availability may have changed, waiting for the restock-alerts job. */
export const RestockQueue = model
  .define("autopilot_restock_queue", {
    id: model.id({ prefix: "aprq" }).primaryKey(),
    variant_id: model.text(),
    /** What queued it (an event name, `sweep`, …), for the run summary. */
    reason: model.text().nullable(),
  })
  .indexes([
    {
      name: "IDX_autopilot_restock_queue_variant_unique",
      on: ["variant_id"],
      unique: true,
      where: "deleted_at IS NULL",
    },
  ])
