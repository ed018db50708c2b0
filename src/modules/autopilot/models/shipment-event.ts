import { model } from "@medusajs/framework/utils"
import { SHIPMENT_EVENT_SOURCES, SHIPMENT_STATUSES } from "../../../types"

/**
 * A shipment's history: every distinct carrier event received (by webhook or
 * poll) and the plugin's own (expiry). `applied` says whether it moved the
 * shipment; an out-of-order or repeated event is kept but changes nothing.
 */
export const ShipmentEvent = model
  .define("autopilot_shipment_event", {
    id: model.id({ prefix: "apsev" }).primaryKey(),
    shipment_id: model.text(),
    status: model.enum([...SHIPMENT_STATUSES]),
    raw_status: model.text().nullable(),
    message: model.text().nullable(),
    location: model.text().nullable(),
    occurred_at: model.dateTime(),
    source: model.enum([...SHIPMENT_EVENT_SOURCES]),
    applied: model.boolean().default(false),
    /** Status, raw status, time and message hashed: a replayed event is recognised and skipped. */
    dedupe_key: model.text(),
  })
  .indexes([
    {
      name: "IDX_autopilot_shipment_event_dedupe",
      on: ["shipment_id", "dedupe_key"],
      unique: true,
      where: "deleted_at IS NULL",
    },
    {
      name: "IDX_autopilot_shipment_event_shipment",
      on: ["shipment_id", "occurred_at"],
    },
    {
      // The admin overview: parcels in trouble per day (the statuses of
      // SHIPMENT_PROBLEM_STATUSES in sql/overview.ts).
      name: "IDX_autopilot_shipment_event_problem",
      on: ["occurred_at"],
      where:
        "status IN ('attempt_failed', 'exception', 'returned_to_sender') AND deleted_at IS NULL",
    },
  ])
