/** @jsxRuntime automatic */
import { type MessageTemplate, text } from "../context"
import { P } from "../components/parts"
import { ShipmentBody, shipmentSubject } from "../components/shipment"

/** `autopilot.shipment.problem`: a failed delivery attempt or a carrier exception. */
export const shipmentProblem: MessageTemplate = (ctx) => {
  const said = text(ctx.data.status_message)
  return {
    subject: shipmentSubject(ctx),
    preview: ctx.t("preview"),
    reason: ctx.common("customer_reason"),
    body: (
      <ShipmentBody
        ctx={ctx}
        heading={ctx.t("heading")}
        intro={ctx.t(
          ctx.data.problem === "attempt_failed" ||
            ctx.data.status === "attempt_failed"
            ? "intro_attempt_failed"
            : "intro_exception"
        )}
        extra={
          said ? <P>{ctx.t("carrier_message", { message: said })}</P> : null
        }
      />
    ),
  }
}
