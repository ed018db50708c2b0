/** @jsxRuntime automatic */
import { type MessageTemplate, records, text } from "../context"
import { P, Title } from "../components/parts"
import { ProductCard } from "../components/product-card"

/** At most this many variants are listed in the message itself. */
const SHOWN = 50

/** `autopilot.merchant.low_stock`: the digest of variants below their threshold. */
export const merchantLowStock: MessageTemplate = (ctx) => {
  const variants = records(ctx.data.variants)
  const total = Number(ctx.data.total) || variants.length
  const shown = variants.slice(0, SHOWN)
  return {
    subject: ctx.t("subject", { count: total }),
    preview: ctx.t("preview"),
    reason: ctx.common("merchant_reason"),
    body: (
      <>
        <Title>{ctx.t("heading")}</Title>
        <P>{ctx.t("intro")}</P>
        {shown.map((v, i) => (
          <ProductCard
            key={i}
            ctx={ctx}
            productTitle={text(v.product_title) ?? text(v.title) ?? text(v.sku)}
            variantTitle={
              [text(v.variant_title), text(v.sku)]
                .filter(Boolean)
                .join(" · ") || null
            }
            note={ctx.t("available", { count: text(v.available) ?? "0" })}
          />
        ))}
        {total > shown.length ? (
          <P>{ctx.t("more", { count: total - shown.length })}</P>
        ) : null}
      </>
    ),
  }
}
