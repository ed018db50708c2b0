import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { loadEffectiveSetting, autopilotService } from "../../runtime/settings"

/**
 * Marks alerted subscriptions converted when the order's email bought the
 * variant within `conversion_days` of the alert.
 */
export async function recordRestockConversions(
  container: MedusaContainer,
  orderId: string
): Promise<number> {
  const { data } = await container
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({
      entity: "order",
      fields: ["id", "email", "created_at", "items.variant_id"],
      filters: { id: orderId },
    })
  const order = data[0] as
    | {
        id: string
        email: string | null
        created_at: string | Date
        items: { variant_id: string | null }[]
      }
    | undefined
  if (!order?.email) return 0
  const variantIds = order.items
    .map((i) => i.variant_id)
    .filter((v): v is string => !!v)
  if (!variantIds.length) return 0
  const { options } = await loadEffectiveSetting(container, "restock-alerts")
  const since = new Date(
    new Date(order.created_at).getTime() -
      Number(options.conversion_days) * 86_400_000
  )
  const service = autopilotService(container)
  const alerted = await service.listRestockSubscriptions({
    email: order.email.toLowerCase(),
    variant_id: variantIds,
    status: "notified",
    converted_at: null,
    notified_at: { $gte: since },
  } as never)
  if (alerted.length) {
    await service.updateRestockSubscriptions(
      alerted.map((s) => ({
        id: s.id,
        converted_at: new Date(order.created_at),
        converted_order_id: order.id,
      }))
    )
  }
  return alerted.length
}
