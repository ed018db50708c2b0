/** @jsxRuntime automatic */
import type { MessageTemplate } from "../context"
import { ShipmentBody, shipmentSubject } from "../components/shipment"

/** `autopilot.shipment.all_delivered`: the last parcel of an order arrived. */
export const shipmentAllDelivered: MessageTemplate = (ctx) => {
  const parcels = (ctx.data.parcels ?? {}) as { total?: unknown }
  const total = Number(parcels.total) || 1
  return {
    subject: shipmentSubject(ctx),
    preview: ctx.t("preview", { total }),
    reason: ctx.common("customer_reason"),
    body: (
      <ShipmentBody
        ctx={ctx}
        heading={ctx.t("heading")}
        intro={ctx.t("intro", { total })}
      />
    ),
  }
}
