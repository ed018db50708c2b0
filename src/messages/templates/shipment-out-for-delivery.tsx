/** @jsxRuntime automatic */
import type { MessageTemplate } from "../context"
import { ShipmentBody, shipmentSubject } from "../components/shipment"

/** `autopilot.shipment.out_for_delivery`: the parcel arrives today. */
export const shipmentOutForDelivery: MessageTemplate = (ctx) => ({
  subject: shipmentSubject(ctx),
  preview: ctx.t("preview"),
  reason: ctx.common("customer_reason"),
  body: (
    <ShipmentBody ctx={ctx} heading={ctx.t("heading")} intro={ctx.t("intro")} />
  ),
})
