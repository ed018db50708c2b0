import type {
  MedusaResponse,
  MedusaStoreRequest,
} from "@medusajs/framework/http"
import { shipmentByToken } from "../../../../../features/shipment-tracking/tracking-page"
import type { StoreShipmentStatusResponse } from "../../../../../types"
import { noShipment } from "../not-found"
import type { StoreShipmentStatusType } from "../validators"

/**
 * The parcel of a shipment message's tracking link (`tracking_token`):
 * 200 with its status, carrier, tracking number and link, checkpoints and
 * delivery estimate; 404 — one answer — for an unknown or expired token or
 * an order of another sales channel than the publishable key's. The token
 * travels in the body, so it stays out of request logs.
 */
export const POST = async (
  req: MedusaStoreRequest<StoreShipmentStatusType>,
  res: MedusaResponse<StoreShipmentStatusResponse<Date>>
) => {
  const found = await shipmentByToken(
    req.scope,
    req.validatedBody.token,
    req.publishable_key_context?.sales_channel_ids ?? []
  )
  if (!found) throw noShipment()
  res.json(found)
}
