import type { ListPage, Timestamp } from "./common"
import type { FieldLabels } from "./labels"

export const INVENTORY_FINDING_TYPES = [
  "reserved_drift",
  "orphaned_reservation",
  "negative_stock",
  "overreserved",
  "unused_location_stock",
] as const
export type InventoryFindingType = (typeof INVENTORY_FINDING_TYPES)[number]

/** `report`: shown only; `fix`: corrected by the job (or "fix now"). */
export const INVENTORY_FINDING_MODES = ["report", "fix"] as const
export type InventoryFindingMode = (typeof INVENTORY_FINDING_MODES)[number]

/** `resolved`: no longer found (fixed elsewhere, or the state changed). */
export const INVENTORY_FINDING_STATUSES = ["open", "fixed", "resolved"] as const
export type InventoryFindingStatus = (typeof INVENTORY_FINDING_STATUSES)[number]

/** An inconsistency inventory-reconciliation found. */
export type InventoryFinding<D extends Timestamp = string> = {
  id: string
  type: InventoryFindingType
  fingerprint: string
  mode: InventoryFindingMode
  status: InventoryFindingStatus
  inventory_item_id: string | null
  location_id: string | null
  reservation_id: string | null
  line_item_id: string | null
  order_id: string | null
  details: {
    description?: string
    reason?: string
    sku?: string
    before?: Record<string, unknown>
    after?: Record<string, unknown>
  }
  first_seen_at: D
  last_seen_at: D
  fixed_at: D | null
  resolved_at: D | null
  fix_error: string | null
  last_run_id: string | null
  /** Names of `inventory_item_id`, `location_id` and `order_id`. */
  labels?: FieldLabels
}

/** `GET /admin/autopilot/inventory-findings` */
export type InventoryFindingListResponse<D extends Timestamp = string> =
  ListPage & { inventory_findings: InventoryFinding<D>[] }

/** `POST /admin/autopilot/inventory-findings/:id/fix` */
export type InventoryFindingResponse<D extends Timestamp = string> = {
  inventory_finding: InventoryFinding<D>
}
