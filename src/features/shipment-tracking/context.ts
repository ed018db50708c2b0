/** What settling a group of parcels reads about them, in three reads for the whole group. */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { autopilotService } from "../../runtime/settings"

type Shipment = Awaited<
  ReturnType<ReturnType<typeof autopilotService>["retrieveTrackedShipment"]>
>

export type OrderInfo = {
  id: string
  display_id: number | null
  email: string | null
  customer_id: string | null
  /** The shopper's language (BCP 47), when the storefront set one. */
  locale?: string | null
  items?: {
    id: string
    product_title: string | null
    variant_title: string | null
    thumbnail: string | null
  }[]
}
export type FulfillmentInfo = {
  id: string
  delivered_at: string | Date | null
  items?: {
    title: string
    sku: string | null
    quantity: number
    line_item_id?: string | null
  }[]
}

/** The fulfillments, orders and order parcels of these shipments, three reads in all. */
export async function loadContexts(
  container: MedusaContainer,
  shipments: Shipment[]
) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const service = autopilotService(container)
  const fulfillmentIds = [...new Set(shipments.map((s) => s.fulfillment_id))]
  const orderIds = [
    ...new Set(shipments.flatMap((s) => (s.order_id ? [s.order_id] : []))),
  ]
  const [{ data: fulfillments }, { data: orders }, parcels] = await Promise.all(
    [
      query.graph({
        entity: "fulfillment",
        fields: [
          "id",
          "delivered_at",
          "items.title",
          "items.sku",
          "items.quantity",
          "items.line_item_id",
        ],
        filters: { id: fulfillmentIds },
      }),
      orderIds.length
        ? query.graph({
            entity: "order",
            fields: [
              "id",
              "display_id",
              "email",
              "customer_id",
              "locale",
              "items.id",
              "items.product_title",
              "items.variant_title",
              "items.thumbnail",
            ],
            filters: { id: orderIds },
          })
        : Promise.resolve({ data: [] }),
      orderIds.length
        ? service.listTrackedShipments(
            { order_id: orderIds },
            { order: { created_at: "ASC", id: "ASC" }, take: null }
          )
        : Promise.resolve([] as Shipment[]),
    ]
  )
  const fulfillmentById = new Map(
    (fulfillments as FulfillmentInfo[]).map((f) => [f.id, f])
  )
  const orderById = new Map((orders as OrderInfo[]).map((o) => [o.id, o]))
  const parcelsOf = new Map<string, Shipment[]>()
  for (const p of parcels) {
    const list = parcelsOf.get(p.order_id!) ?? []
    list.push(p)
    parcelsOf.set(p.order_id!, list)
  }
  return (shipment: Shipment) => ({
    fulfillment: fulfillmentById.get(shipment.fulfillment_id) ?? null,
    order: shipment.order_id
      ? (orderById.get(shipment.order_id) ?? null)
      : null,
    parcels: shipment.order_id
      ? (parcelsOf.get(shipment.order_id) ?? [])
      : [shipment],
  })
}
