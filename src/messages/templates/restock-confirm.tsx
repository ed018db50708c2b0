/** @jsxRuntime automatic */
import { type MessageTemplate, text } from "../context"
import { Button } from "../components/button"
import { P, Small, Title } from "../components/parts"
import { ProductCard } from "../components/product-card"

/** `autopilot.restock.confirm`: double opt-in for a back-in-stock alert. */
export const restockConfirm: MessageTemplate = (ctx) => {
  const d = ctx.data
  const product = text(d.product_title)
  return {
    subject: ctx.t("subject"),
    preview: ctx.t("preview"),
    reason: ctx.t("reason"),
    unsubscribeUrl: ctx.link(d.unsubscribe_url),
    body: (
      <>
        <Title>{ctx.t("heading")}</Title>
        <P>{ctx.t("intro", { product: product ?? ctx.t("this_item") })}</P>
        {product ? (
          <ProductCard
            ctx={ctx}
            productTitle={product}
            variantTitle={text(d.variant_title)}
            image={d.thumbnail}
          />
        ) : null}
        <Button
          ctx={ctx}
          href={ctx.link(d.confirm_url)}
          label={ctx.t("button")}
        />
        <Small>{ctx.t("expires")}</Small>
        <Small>{ctx.t("ignore")}</Small>
      </>
    ),
  }
}
