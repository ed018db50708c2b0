/** @jsxRuntime automatic */
import { type MessageTemplate, text } from "../context"
import { Details, P, Title } from "../components/parts"

/** `autopilot.merchant.attention`: a payment Autopilot could not settle, or an authorization about to lapse. */
export const merchantAttention: MessageTemplate = (ctx) => {
  const d = ctx.data
  const refunded =
    typeof d.refunded === "boolean" ? ctx.t(d.refunded ? "yes" : "no") : null
  return {
    subject: ctx.t("subject"),
    preview: ctx.t("preview"),
    reason: ctx.common("merchant_reason"),
    body: (
      <>
        <Title>{ctx.t("heading")}</Title>
        <P>
          {ctx.t("intro", { reason: text(d.reason) ?? ctx.common("none") })}
        </P>
        <Details
          rows={[
            [ctx.common("amount"), ctx.price(d.amount, d.currency_code)],
            [ctx.common("customer"), text(d.customer_email)],
            [ctx.t("cart"), text(d.cart_id)],
            [
              ctx.t("payment"),
              text(d.payment_id) ?? text(d.payment_session_id),
            ],
            [ctx.common("provider"), text(d.provider_id)],
            [ctx.common("reference"), text(d.provider_reference)],
            [ctx.t("refunded"), refunded],
          ]}
        />
        <P>{ctx.t("action")}</P>
      </>
    ),
  }
}
