/** @jsxRuntime automatic */
import { type MessageTemplate, text } from "../context"
import { Button } from "../components/button"
import { P, Title } from "../components/parts"
import { ProductCard, variantLine } from "../components/product-card"

/** `autopilot.restock.available`: the item a shopper waited for is back. */
export const restockAvailable: MessageTemplate = (ctx) => {
  const d = ctx.data
  const productTitle = text(d.product_title)
  const variantTitle = text(d.variant_title)
  const variant = variantLine(productTitle, variantTitle)
  const product = [productTitle ?? variantTitle ?? "", variant]
    .filter(Boolean)
    .join(" – ")
  const available = Number(d.available)
  const href = ctx.link(d.product_url)
  return {
    subject: ctx.t("subject", { product }),
    preview: ctx.t("preview"),
    reason: ctx.t("reason"),
    unsubscribeUrl: ctx.link(d.unsubscribe_url),
    body: (
      <>
        <Title>{ctx.t("heading")}</Title>
        <P>{ctx.t("intro", { product })}</P>
        <ProductCard
          ctx={ctx}
          productTitle={productTitle}
          variantTitle={variantTitle}
          image={d.thumbnail}
          price={ctx.price(d.price, d.currency_code)}
          note={
            d.available !== null &&
            Number.isFinite(available) &&
            available > 0 &&
            available <= 5
              ? ctx.t("only_left", { count: available })
              : null
          }
        />
        <Button ctx={ctx} href={href} label={ctx.t("button")} />
      </>
    ),
  }
}
