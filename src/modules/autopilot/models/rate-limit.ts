import { model } from "@medusajs/framework/utils"

/** A fixed-window request counter, for rate limits when the shop has no Redis. */
export const RateLimit = model
  .define("autopilot_rate_limit", {
    id: model.id({ prefix: "aprl" }).primaryKey(),
    /** Limit name and hashed subject (IP or email), e.g. `signup-ip:<sha256>`. */
    key: model.text(),
    window_start: model.dateTime(),
    count: model.number().default(0),
  })
  .indexes([
    {
      name: "IDX_autopilot_rate_limit_key_unique",
      on: ["key", "window_start"],
      unique: true,
      where: "deleted_at IS NULL",
    },
  ])
