/** @jsxRuntime automatic */
import type { MessageTemplate } from "../context"
import { ShipmentBody, shipmentSubject } from "../components/shipment"

/** `autopilot.shipment.shipped`: the parcel left, with its tracking link. */
export const shipmentShipped: MessageTemplate = (ctx) => ({
  subject: shipmentSubject(ctx),
  preview: ctx.t("preview", {
    carrier: String(ctx.data.carrier ?? ctx.data.provider ?? ""),
  }),
  reason: ctx.common("customer_reason"),
  body: (
    <ShipmentBody ctx={ctx} heading={ctx.t("heading")} intro={ctx.t("intro")} />
  ),
})
