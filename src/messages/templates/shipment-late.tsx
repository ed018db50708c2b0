/** @jsxRuntime automatic */
import { type MessageTemplate, text } from "../context"
import { P } from "../components/parts"
import { ShipmentBody, orderRef, shipmentSubject } from "../components/shipment"

/**
 * `autopilot.shipment.running_late`: the customer's parcel is late or stuck;
 * says when the carrier expected it, when it gave a date.
 */
export const shipmentRunningLate: MessageTemplate = (ctx) => {
  const expected = ctx.date(ctx.data.estimated_delivery)
  return {
    subject: shipmentSubject(ctx),
    preview: ctx.t("preview"),
    reason: ctx.common("customer_reason"),
    body: (
      <ShipmentBody
        ctx={ctx}
        heading={ctx.t("heading")}
        intro={
          expected
            ? ctx.t("intro_expected", { date: expected })
            : ctx.t("intro")
        }
        extra={<P>{ctx.t("reassure")}</P>}
      />
    ),
  }
}

/**
 * `autopilot.merchant.shipment_late`: a parcel is past the carrier's
 * estimate (`lateness: "delayed"`) or has had no carrier news for days
 * (`"stalled"`).
 */
export const merchantShipmentLate: MessageTemplate = (ctx) => {
  const d = ctx.data
  const stalled = d.lateness === "stalled"
  const vars = { order: orderRef(ctx) }
  const expected = ctx.date(d.estimated_delivery)
  const since = ctx.date(d.late_since)
  const customer = text(d.customer_email)
  return {
    subject: ctx.t(stalled ? "subject_stalled" : "subject_delayed", vars),
    preview: ctx.t(stalled ? "preview_stalled" : "preview_delayed"),
    reason: ctx.common("merchant_reason"),
    body: (
      <ShipmentBody
        ctx={ctx}
        heading={ctx.t("heading")}
        intro={
          stalled
            ? ctx.t("intro_stalled", vars)
            : expected
              ? ctx.t("intro_delayed_expected", { ...vars, date: expected })
              : ctx.t("intro_delayed", vars)
        }
        extra={
          <>
            {since ? <P>{ctx.t("since", { date: since })}</P> : null}
            {customer ? (
              <P>
                {ctx.common("customer")}: {customer}
              </P>
            ) : null}
            <P>{ctx.t("action")}</P>
          </>
        }
      />
    ),
  }
}
