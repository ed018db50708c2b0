/**
 * What `inventory-reconciliation` reads from Medusa, batch by batch; the
 * decisions on it are in inspect.ts.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type {
  ItemFacts,
  LevelRow,
  OrderItemRow,
  OrderRow,
  ReservationFacts,
  ReservationRow,
  VariantLink,
  VariantRow,
} from "./types"

function query(container: MedusaContainer) {
  return container.resolve(ContainerRegistrationKeys.QUERY)
}

/** The stock locations some sales channel sells from. */
export async function channelLocationIds(
  container: MedusaContainer
): Promise<Set<string>> {
  const { data } = await query(container).graph({
    entity: "sales_channel_location",
    fields: ["stock_location_id"],
  })
  return new Set(
    (data as { stock_location_id: string }[]).map((r) => r.stock_location_id)
  )
}

/** Levels, reservations, variant links and variants of a batch of items. */
export async function loadItemFacts(
  container: MedusaContainer,
  itemIds: string[],
  channelLocations: ReadonlySet<string>
): Promise<ItemFacts> {
  const inventory = container.resolve(Modules.INVENTORY)
  const levels = (await inventory.listInventoryLevels(
    { inventory_item_id: itemIds },
    { take: null }
  )) as LevelRow[]
  const reservations = await inventory.listReservationItems(
    { inventory_item_id: itemIds },
    { take: null, select: ["inventory_item_id", "location_id", "quantity"] }
  )
  const { data: links } = await query(container).graph({
    entity: "product_variant_inventory_item",
    fields: ["variant_id", "inventory_item_id", "required_quantity"],
    filters: { inventory_item_id: itemIds },
  })
  const variantIds = [
    ...new Set((links as VariantLink[]).map((l) => l.variant_id)),
  ]
  const { data: variants } = variantIds.length
    ? await query(container).graph({
        entity: "product_variant",
        fields: [
          "id",
          "sku",
          "title",
          "allow_backorder",
          "manage_inventory",
          "metadata",
          "product.title",
        ],
        filters: { id: variantIds },
      })
    : { data: [] }
  return {
    levels,
    reservations,
    links: links as VariantLink[],
    variants: variants as VariantRow[],
    channelLocations,
  }
}

/**
 * The order items (every version) of a batch of reservations' line items,
 * and their orders. Reads nothing when no reservation has a line item.
 */
export async function loadReservationFacts(
  container: MedusaContainer,
  reservations: ReservationRow[]
): Promise<ReservationFacts> {
  const lineItemIds = reservations
    .map((r) => r.line_item_id)
    .filter((id): id is string => !!id)
  if (!lineItemIds.length) return { reservations, orderItems: [], orders: [] }
  const { data: orderItems } = await query(container).graph({
    entity: "order_item",
    fields: [
      "item_id",
      "order_id",
      "quantity",
      "fulfilled_quantity",
      "version",
    ],
    filters: { item_id: lineItemIds },
  })
  const orderIds = [
    ...new Set((orderItems as OrderItemRow[]).map((i) => i.order_id)),
  ]
  const { data: orders } = orderIds.length
    ? await query(container).graph({
        entity: "order",
        fields: ["id", "status", "canceled_at"],
        filters: { id: orderIds },
      })
    : { data: [] }
  return {
    reservations,
    orderItems: orderItems as OrderItemRow[],
    orders: orders as OrderRow[],
  }
}
