/** @jsxRuntime automatic */
import { Column } from "@react-email/column"
import { Img } from "@react-email/img"
import { Link } from "@react-email/link"
import { Row } from "@react-email/row"
import { Section } from "@react-email/section"
import { Text } from "@react-email/text"
import type { MessageContext } from "../context"
import { colors } from "./styles"

export type ProductCardProps = {
  ctx: MessageContext
  productTitle: string | null
  variantTitle: string | null
  image?: unknown
  /** Already formatted. */
  price?: string | null
  /** A line under the titles (quantity, availability). */
  note?: string | null
  href?: string | null
}

/**
 * One product: its image, the product title, the variant title (left out
 * when it only repeats the product's, or is Medusa's "Default variant"),
 * and the price.
 */
export function ProductCard(props: ProductCardProps) {
  const { ctx } = props
  const image = ctx.link(props.image)
  const title = props.productTitle ?? props.variantTitle ?? ""
  const variant = variantLine(props.productTitle, props.variantTitle)
  const name = props.href ? (
    <Link href={props.href} style={{ color: colors.text }}>
      {title}
    </Link>
  ) : (
    title
  )
  return (
    <Section
      style={{
        borderBottom: `1px solid ${colors.border}`,
        padding: "12px 0",
      }}
    >
      <Row>
        {image ? (
          <Column style={{ width: "76px", verticalAlign: "top" }}>
            <Img
              src={image}
              alt={title}
              width="64"
              height="64"
              style={{
                borderRadius: "4px",
                color: colors.muted,
                fontSize: "11px",
                objectFit: "cover",
                overflow: "hidden",
              }}
            />
          </Column>
        ) : null}
        <Column data-text-inline="true" style={{ verticalAlign: "top" }}>
          <Text
            data-text-inline="true"
            style={{
              color: colors.text,
              fontSize: "15px",
              fontWeight: 600,
              lineHeight: "22px",
              margin: 0,
            }}
          >
            {name}
          </Text>
          {variant ? (
            <Text
              data-text-inline="true"
              data-text-prefix=" – "
              style={{
                color: colors.muted,
                fontSize: "14px",
                lineHeight: "20px",
                margin: 0,
              }}
            >
              {variant}
            </Text>
          ) : null}
          {props.note ? (
            <Text
              data-text-inline="true"
              data-text-prefix=", "
              style={{
                color: colors.muted,
                fontSize: "14px",
                lineHeight: "20px",
                margin: 0,
              }}
            >
              {props.note}
            </Text>
          ) : null}
        </Column>
        {props.price ? (
          <Column
            data-text-inline="true"
            data-text-prefix=": "
            style={{ verticalAlign: "top", textAlign: "right", width: "110px" }}
          >
            <Text
              data-text-inline="true"
              style={{
                color: colors.text,
                fontSize: "15px",
                lineHeight: "22px",
                margin: 0,
              }}
            >
              {props.price}
            </Text>
          </Column>
        ) : null}
      </Row>
    </Section>
  )
}

/** The variant's title when it says something the product's does not. */
export function variantLine(
  productTitle: string | null,
  variantTitle: string | null
): string | null {
  if (!variantTitle || !productTitle) return null
  const v = variantTitle.trim()
  if (!v || v === productTitle.trim() || /^default( variant)?$/i.test(v))
    return null
  return v
}
