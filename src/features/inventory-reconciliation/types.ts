import type { JobOptions } from "../../catalog/jobs"
import type { InventoryFindingMode, InventoryFindingType } from "../../types"

export type InventoryReconciliationOptions =
  JobOptions<"inventory-reconciliation">

export type Mode = InventoryFindingMode

export type FindingType = InventoryFindingType

/** An inconsistency found in one run, before it is recorded. */
export type DetectedFinding = {
  type: FindingType
  mode: Mode
  inventory_item_id: string | null
  location_id: string | null
  reservation_id?: string | null
  line_item_id?: string | null
  order_id?: string | null
  details: Record<string, unknown>
}

/** A variant below its low-stock threshold, for the merchant's digest. */
export type LowStockVariant = {
  variant_id: string
  sku: string | null
  title: string
  available: number
  threshold: number
}

/** An inventory level as the inventory module lists it. */
export type LevelRow = {
  inventory_item_id: string
  location_id: string
  stocked_quantity: unknown
  reserved_quantity: unknown
}

/** A reservation's quantity at a level. */
export type ReservationAtLevel = {
  inventory_item_id: string
  location_id: string
  quantity: unknown
}

/** A variant–inventory item link. */
export type VariantLink = {
  variant_id: string
  inventory_item_id: string
  required_quantity: number
}

export type VariantRow = {
  id: string
  sku: string | null
  title: string | null
  allow_backorder: boolean
  manage_inventory: boolean
  metadata: Record<string, unknown> | null
  product?: { title?: string | null } | null
}

/** What the job reads about a batch of inventory items. */
export type ItemFacts = {
  levels: LevelRow[]
  reservations: ReservationAtLevel[]
  links: VariantLink[]
  variants: VariantRow[]
  /** Stock locations some sales channel sells from. */
  channelLocations: ReadonlySet<string>
}

/** A reservation with a line item, as the job pages through them. */
export type ReservationRow = {
  id: string
  inventory_item_id: string
  location_id: string
  line_item_id: string | null
  quantity: unknown
  created_at: string | Date
}

/** One version of an order item (order edits keep the older ones). */
export type OrderItemRow = {
  item_id: string
  order_id: string
  quantity: unknown
  fulfilled_quantity: unknown
  version: number
}

export type OrderRow = { id: string; status: string; canceled_at: unknown }

/** What the job reads about a batch of reservations. */
export type ReservationFacts = {
  reservations: ReservationRow[]
  /** Every version of the order items of those reservations' line items. */
  orderItems: OrderItemRow[]
  /** The orders of those order items. */
  orders: OrderRow[]
}
