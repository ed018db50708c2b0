import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { PROVIDER_NAMES, providerAvailability } from "../../../../carriers"
import { withFieldLabels } from "../../../../runtime/labels"
import { autopilotService } from "../../../../runtime/settings"
import { loadTrackingOptions } from "../../../../features/shipment-tracking/options"
import type {
  TrackedShipment,
  TrackedShipmentListResponse,
} from "../../../../types"
import type { AdminListShipmentsType } from "../validators"

/**
 * Parcels the shipment-tracking job follows, problems (and late or stuck
 * parcels) first; `lateness=delayed|stalled` lists the late or stuck ones
 * (parcels that ended stalled at `max_tracking_days` included); with
 * `order_id`, each with its event history (the order page's timeline).
 * `providers` says which carrier providers are usable and why not;
 * `labels.order_id` names the order by its display id.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminListShipmentsType>,
  res: MedusaResponse<TrackedShipmentListResponse<Date>>
) => {
  const { limit, offset, status, order_id, lateness } = req.validatedQuery
  const service = autopilotService(req.scope)
  const { rows, count } = await service.listShipmentsForAdmin({
    status,
    order_id,
    lateness,
    limit,
    offset,
  })
  // Rows of `autopilot_tracked_shipment` read with SQL (problems first).
  let shipments = rows as TrackedShipment<Date>[]
  if (order_id && rows.length) {
    const events = await service.listShipmentEvents(
      { shipment_id: shipments.map((r) => r.id) },
      { order: { occurred_at: "ASC", id: "ASC" }, take: null }
    )
    shipments = shipments.map((r) => ({
      ...r,
      events: events.filter((e) => e.shipment_id === r.id),
    }))
  }
  const options = await loadTrackingOptions(req.scope)
  const providers = PROVIDER_NAMES.map((name) => ({
    name,
    ...providerAvailability(name, options.providers),
    webhook_url: `/hooks/autopilot/tracking/${name}`,
  }))
  shipments = await withFieldLabels(req.scope, shipments, ["order_id"])
  res.json({ shipments, count, limit, offset, providers })
}
