import { model } from "@medusajs/framework/utils"

/** One wave of back-in-stock alerts for a variant in a sales channel. */
export const RestockWave = model
  .define("autopilot_restock_wave", {
    id: model.id({ prefix: "aprw" }).primaryKey(),
    variant_id: model.text(),
    sales_channel_id: model.text(),
    /** Available quantity when the wave started (null: not inventory-managed). */
    available: model.number().nullable(),
    waiting: model.number(),
    size: model.number(),
    sent: model.number().default(0),
    run_id: model.text().nullable(),
  })
  .indexes([
    {
      name: "IDX_autopilot_restock_wave_variant",
      on: ["variant_id", "created_at"],
    },
  ])
