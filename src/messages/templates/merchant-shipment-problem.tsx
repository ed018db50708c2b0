/** @jsxRuntime automatic */
import { type MessageTemplate, text } from "../context"
import { P } from "../components/parts"
import { ShipmentBody, orderRef } from "../components/shipment"

/** `autopilot.merchant.shipment_problem`: a carrier exception or a return to the sender. */
export const merchantShipmentProblem: MessageTemplate = (ctx) => {
  const d = ctx.data
  const returned = d.status === "returned_to_sender"
  const vars = { order: orderRef(ctx) }
  const said = text(d.status_message)
  const customer = text(d.customer_email)
  return {
    subject: ctx.t(returned ? "subject_returned" : "subject_exception", vars),
    preview: ctx.t("preview"),
    reason: ctx.common("merchant_reason"),
    body: (
      <ShipmentBody
        ctx={ctx}
        heading={ctx.t("heading")}
        intro={ctx.t(returned ? "intro_returned" : "intro_exception", vars)}
        extra={
          <>
            {said ? <P>{ctx.t("carrier_message", { message: said })}</P> : null}
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
