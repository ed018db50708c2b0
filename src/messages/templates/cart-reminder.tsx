/** @jsxRuntime automatic */
import { Column, Row, Section, Text } from "@react-email/components"
import { type MessageTemplate, records, text } from "../context"
import { Button } from "../components/button"
import { P, Title } from "../components/parts"
import { ProductCard } from "../components/product-card"
import { colors } from "../components/styles"

/** `autopilot.cart.reminder`: one step of the abandoned-cart sequence. */
export const cartReminder: MessageTemplate = (ctx) => {
  const d = ctx.data
  const currency = d.currency_code
  const totals = (d.totals ?? {}) as Record<string, unknown>
  const total = ctx.price(totals.total ?? totals.item_total, currency)
  const href = ctx.link(d.recovery_url)
  return {
    subject: ctx.t(Number(d.step) > 1 ? "subject_followup" : "subject"),
    preview: ctx.t("preview"),
    reason: ctx.t("reason"),
    unsubscribeUrl: ctx.link(d.unsubscribe_url),
    body: (
      <>
        <Title>{ctx.t("heading")}</Title>
        <P>{ctx.t("intro")}</P>
        {records(d.items).map((item, i) => {
          const quantity = Number(item.quantity) || 1
          const unit = Number(item.unit_price)
          return (
            <ProductCard
              key={i}
              ctx={ctx}
              productTitle={text(item.product_title) ?? text(item.title)}
              variantTitle={text(item.variant_title)}
              image={item.thumbnail}
              note={ctx.common("quantity", { quantity })}
              price={
                Number.isFinite(unit)
                  ? ctx.price(unit * quantity, currency)
                  : null
              }
            />
          )
        })}
        {total ? (
          <Section style={{ padding: "12px 0 8px" }}>
            <Row>
              <Column data-text-inline="true">
                <Text
                  data-text-inline="true"
                  data-text-suffix=": "
                  style={{ color: colors.text, fontWeight: 600, margin: 0 }}
                >
                  {ctx.t("total")}
                </Text>
              </Column>
              <Column data-text-inline="true" style={{ textAlign: "right" }}>
                <Text
                  data-text-inline="true"
                  style={{ color: colors.text, fontWeight: 600, margin: 0 }}
                >
                  {total}
                </Text>
              </Column>
            </Row>
          </Section>
        ) : null}
        <Button ctx={ctx} href={href} label={ctx.t("button")} />
      </>
    ),
  }
}
