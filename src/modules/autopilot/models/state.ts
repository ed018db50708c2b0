import { model } from "@medusajs/framework/utils"

/** Small named values the jobs keep between runs (e.g. the last full sweep). */
export const State = model
  .define("autopilot_state", {
    id: model.id({ prefix: "apst" }).primaryKey(),
    key: model.text(),
    value: model.json(),
  })
  .indexes([
    {
      name: "IDX_autopilot_state_key_unique",
      on: ["key"],
      unique: true,
      where: "deleted_at IS NULL",
    },
  ])
