/** @jsxRuntime automatic */
import type { MessageTemplate } from "../context"
import { P } from "../components/parts"
import { ShipmentBody, shipmentSubject } from "../components/shipment"

/** `autopilot.shipment.delivered`: the parcel arrived. */
export const shipmentDelivered: MessageTemplate = (ctx) => ({
  subject: shipmentSubject(ctx),
  preview: ctx.t("preview"),
  reason: ctx.common("customer_reason"),
  body: (
    <ShipmentBody
      ctx={ctx}
      heading={ctx.t("heading")}
      intro={ctx.t("intro")}
      extra={ctx.branding.support_email ? <P>{ctx.t("not_received")}</P> : null}
    />
  ),
})
