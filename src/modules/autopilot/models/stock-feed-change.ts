import { model } from "@medusajs/framework/utils"

/** One inventory level changed by the stock feed: the audit trail of `stock-feed-sync`. */
export const StockFeedChange = model
  .define("autopilot_stock_feed_change", {
    id: model.id({ prefix: "apfeed" }).primaryKey(),
    run_id: model.text(),
    sku: model.text(),
    inventory_item_id: model.text(),
    location_id: model.text(),
    from_quantity: model.number(),
    to_quantity: model.number(),
    applied_at: model.dateTime(),
  })
  .indexes([
    { name: "IDX_autopilot_stock_feed_change_run", on: ["run_id"] },
    { name: "IDX_autopilot_stock_feed_change_item", on: ["inventory_item_id"] },
  ])
