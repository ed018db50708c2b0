import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  completeCartWorkflow,
  createOrderFulfillmentWorkflow,
  createOrderShipmentWorkflow,
} from "@medusajs/medusa/core-flows"
import { cartAtPayment, type ShopFixture } from "./shop-fixture"

/**
 * A paid order by `email`, fulfilled and shipped with one label per
 * tracking number, through Medusa's own workflows (`shipment.created` is
 * emitted, as in a shop).
 */
export async function shipOrder(
  container: MedusaContainer,
  shop: ShopFixture,
  numbers: string[],
  { email = "buyer@example.com", noNotification = false } = {}
): Promise<{ orderId: string; fulfillmentId: string }> {
  const { cartId } = await cartAtPayment(container, shop, {
    providerId: "pp_system_default",
    email,
  })
  const { result: order } = await completeCartWorkflow(container).run({
    input: { id: cartId },
  })
  const { data } = await container
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({
      entity: "order",
      fields: ["id", "items.id"],
      filters: { id: order.id },
    })
  const items = (data[0] as { items: { id: string }[] }).items.map((i) => ({
    id: i.id,
    quantity: 1,
  }))
  const { result: fulfillment } = await createOrderFulfillmentWorkflow(
    container
  ).run({ input: { order_id: order.id, items } })
  await createOrderShipmentWorkflow(container).run({
    input: {
      order_id: order.id,
      fulfillment_id: fulfillment.id,
      items,
      no_notification: noNotification,
      labels: numbers.map((n) => ({
        tracking_number: n,
        tracking_url: `https://carrier.example/t/${n}`,
        label_url: `https://carrier.example/l/${n}`,
      })),
    },
  })
  return { orderId: order.id, fulfillmentId: fulfillment.id }
}
