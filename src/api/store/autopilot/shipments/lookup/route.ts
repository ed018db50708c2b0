import type {
  MedusaResponse,
  MedusaStoreRequest,
} from "@medusajs/framework/http"
import { shipmentsByOrder } from "../../../../../features/shipment-tracking/tracking-page"
import type { StoreShipmentStatusResponse } from "../../../../../types"
import { noShipment } from "../not-found"
import type { StoreShipmentLookupType } from "../validators"

/**
 * The parcels of an order, found by its number and its email: 200 with
 * each parcel's status, carrier, tracking number and link, checkpoints and
 * delivery estimate (an order not shipped yet: no parcels); 404 — one
 * answer, status and body — for an unknown order, a wrong email or an
 * order of another sales channel. Rate-limited per client and per order
 * number (see the middleware).
 */
export const POST = async (
  req: MedusaStoreRequest<StoreShipmentLookupType>,
  res: MedusaResponse<StoreShipmentStatusResponse<Date>>
) => {
  const { order_display_id, email } = req.validatedBody
  const found = await shipmentsByOrder(
    req.scope,
    order_display_id,
    email,
    req.publishable_key_context?.sales_channel_ids ?? []
  )
  if (!found) throw noShipment()
  res.json(found)
}
