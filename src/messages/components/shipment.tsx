/** @jsxRuntime automatic */
import type { ReactNode } from "react"
import { type MessageContext, records, text } from "../context"
import { Button } from "./button"
import { Details, P, Small, Title } from "./parts"
import { ProductCard } from "./product-card"

/** The order number as shown: Medusa's display id, else its id. */
export function orderRef(ctx: MessageContext): string {
  return text(ctx.data.order_display_id) ?? text(ctx.data.order_id) ?? ""
}

/** The subject of a shipment message, with or without an order number. */
export function shipmentSubject(ctx: MessageContext, key = "subject"): string {
  const subject = ctx.t(key, { order: orderRef(ctx) })
  return subject.replace(/\s*#\{order\}|\s*#(?=\s|$)/g, "")
}

/**
 * What every shipment message shows under its own words: the parcel,
 * carrier, tracking number and estimate, the items in the parcel, and the
 * tracking link (the storefront's tracking page, else the carrier's).
 */
export function ShipmentBody(props: {
  ctx: MessageContext
  heading: string
  intro: ReactNode
  extra?: ReactNode
}) {
  const { ctx } = props
  const d = ctx.data
  const parcel = (d.parcel ?? {}) as { index?: unknown; total?: unknown }
  const total = Number(parcel.total)
  const order = orderRef(ctx)
  const track = ctx.link(d.tracking_page_url) ?? ctx.link(d.tracking_url)
  const items = records(d.items)
  return (
    <>
      <Title>{props.heading}</Title>
      <P>{props.intro}</P>
      {props.extra}
      <Details
        rows={[
          [ctx.common("order_label"), order ? `#${order}` : null],
          [
            ctx.common("parcel_label"),
            total > 1
              ? ctx.common("parcel", { index: text(parcel.index), total })
              : null,
          ],
          [ctx.common("carrier"), text(d.carrier) ?? text(d.provider)],
          [ctx.common("tracking_number"), text(d.tracking_number)],
          [ctx.common("estimated_delivery"), ctx.date(d.estimated_delivery)],
        ]}
      />
      <Button ctx={ctx} href={track} label={ctx.common("track_button")} />
      {items.length ? (
        <>
          <Small>{ctx.common("items_heading")}</Small>
          {items.map((item, i) => (
            <ProductCard
              key={i}
              ctx={ctx}
              productTitle={text(item.product_title) ?? text(item.title)}
              variantTitle={
                text(item.variant_title) ??
                (text(item.product_title) ? text(item.title) : null)
              }
              image={item.thumbnail}
              note={ctx.common("quantity", {
                quantity: text(item.quantity) ?? 1,
              })}
            />
          ))}
        </>
      ) : null}
    </>
  )
}
