/** @jsxRuntime automatic */
import { Column } from "@react-email/column"
import { Row } from "@react-email/row"
import { Section } from "@react-email/section"
import { Text } from "@react-email/text"
import { type MessageTemplate, records, text } from "../context"
import { Button } from "../components/button"
import { P, Title } from "../components/parts"
import { ProductCard } from "../components/product-card"
import { colors } from "../components/styles"

/** When a code stops working, in the reader's language, to the minute (UTC). */
function expiry(locale: string, value: unknown): string | null {
  if (typeof value !== "string" && !(value instanceof Date)) return null
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return null
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(date)
}

/**
 * The step's discount code, when it carries one (`data.discount`): the
 * code, what it takes off, the minimum and when it ends; the button applies
 * it to the cart.
 */
function DiscountBox({ ctx }: { ctx: Parameters<MessageTemplate>[0] }) {
  const d = ctx.data.discount as Record<string, unknown> | null | undefined
  const code = d ? text(d.code) : null
  if (!d || !code) return null
  const off =
    d.type === "percentage"
      ? ctx.t("discount_percentage", { value: Number(d.value), code })
      : ctx.t("discount_fixed", {
          amount: ctx.price(d.value, d.currency_code) ?? String(d.value),
          code,
        })
  const minimum =
    d.min_subtotal !== null && d.min_subtotal !== undefined
      ? ctx.price(d.min_subtotal, d.currency_code ?? ctx.data.currency_code)
      : null
  const until = expiry(ctx.locale, d.expires_at)
  return (
    <Section
      data-testid="discount"
      style={{
        border: `1px dashed ${colors.text}`,
        borderRadius: 8,
        margin: "16px 0",
        padding: "12px 16px",
        textAlign: "center",
      }}
    >
      <Text style={{ color: colors.text, margin: "0 0 8px" }}>{off}</Text>
      <Text
        style={{
          color: colors.text,
          fontFamily: "monospace",
          fontSize: 22,
          fontWeight: 700,
          letterSpacing: 2,
          margin: "0 0 8px",
        }}
      >
        {code}
      </Text>
      {minimum ? (
        <Text style={{ color: colors.text, fontSize: 13, margin: "0 0 4px" }}>
          {ctx.t("discount_minimum", { amount: minimum })}
        </Text>
      ) : null}
      {until ? (
        <Text style={{ color: colors.text, fontSize: 13, margin: 0 }}>
          {ctx.t("discount_expires", { date: until })}
        </Text>
      ) : null}
    </Section>
  )
}

/** `autopilot.cart.reminder`: one step of the abandoned-cart sequence. */
export const cartReminder: MessageTemplate = (ctx) => {
  const d = ctx.data
  const currency = d.currency_code
  const totals = (d.totals ?? {}) as Record<string, unknown>
  const total = ctx.price(totals.total ?? totals.item_total, currency)
  const href = ctx.link(d.recovery_url)
  return {
    subject: ctx.t(Number(d.step) > 1 ? "subject_followup" : "subject"),
    preview: ctx.t(d.discount ? "preview_discount" : "preview"),
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
        <DiscountBox ctx={ctx} />
        <Button
          ctx={ctx}
          href={href}
          label={ctx.t(d.discount ? "button_discount" : "button")}
        />
      </>
    ),
  }
}
