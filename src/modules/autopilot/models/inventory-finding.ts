import { model } from "@medusajs/framework/utils"
import {
  INVENTORY_FINDING_MODES,
  INVENTORY_FINDING_STATUSES,
  INVENTORY_FINDING_TYPES,
} from "../../../types"

/**
 * An inconsistency the inventory-reconciliation job found, with the values
 * it saw and, once fixed, what it changed. One row per distinct state
 * (`fingerprint`): the same state is recorded and fixed once.
 */
export const InventoryFinding = model
  .define("autopilot_inventory_finding", {
    id: model.id({ prefix: "apinv" }).primaryKey(),
    type: model.enum([...INVENTORY_FINDING_TYPES]),
    /** Type, ids and the values seen: the identity of this state. */
    fingerprint: model.text(),
    /** `report`: shown only; `fix`: corrected by the job (or "fix now"). */
    mode: model.enum([...INVENTORY_FINDING_MODES]).default("report"),
    /** `resolved`: no longer found (fixed elsewhere, or the state changed). */
    status: model.enum([...INVENTORY_FINDING_STATUSES]).default("open"),
    inventory_item_id: model.text().nullable(),
    location_id: model.text().nullable(),
    reservation_id: model.text().nullable(),
    line_item_id: model.text().nullable(),
    order_id: model.text().nullable(),
    /** `{ reason?, before, after?, sku? }`: what was seen and what the fix did. */
    details: model.json(),
    first_seen_at: model.dateTime(),
    last_seen_at: model.dateTime(),
    fixed_at: model.dateTime().nullable(),
    resolved_at: model.dateTime().nullable(),
    fix_error: model.text().nullable(),
    last_run_id: model.text().nullable(),
  })
  .indexes([
    {
      name: "IDX_autopilot_inventory_finding_fingerprint_unique",
      on: ["fingerprint"],
      unique: true,
      where: "deleted_at IS NULL",
    },
    { name: "IDX_autopilot_inventory_finding_status", on: ["status", "type"] },
    {
      // The admin overview: fixes per day.
      name: "IDX_autopilot_inventory_finding_fixed_at",
      on: ["fixed_at"],
      where: "fixed_at IS NOT NULL AND deleted_at IS NULL",
    },
  ])
