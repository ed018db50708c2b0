import type {
  MedusaResponse,
  MedusaStoreRequest,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { shipmentByToken } from "../../../../../features/shipment-tracking/tracking-page"
import type { StoreShipmentStatusResponse } from "../../../../../types"
import { noShipment } from "../not-found"
import { StoreShipmentStatus } from "../validators"

/**
 * The same answer as `POST /store/autopilot/shipments/status`, with the
 * token in the path — for a storefront that links straight to it. The
 * token then shows in access logs and proxies on the way; the POST form
 * keeps it in the body and is the one to prefer. Not cached anywhere.
 */
export const GET = async (
  req: MedusaStoreRequest,
  res: MedusaResponse<StoreShipmentStatusResponse<Date>>
) => {
  const parsed = StoreShipmentStatus.safeParse({ token: req.params.token })
  if (!parsed.success) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "token must be 1 to 200 characters"
    )
  }
  res.set("Cache-Control", "no-store")
  const found = await shipmentByToken(
    req.scope,
    parsed.data.token,
    req.publishable_key_context?.sales_channel_ids ?? []
  )
  if (!found) throw noShipment()
  res.json(found)
}
