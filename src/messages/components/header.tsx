/** @jsxRuntime automatic */
import { Img, Link, Section, Text } from "@react-email/components"
import type { MessageContext } from "../context"
import { colors } from "./styles"

/** The shop's logo (an http(s) image), else its name; links to the storefront. */
export function Header({ ctx }: { ctx: MessageContext }) {
  const logo = ctx.link(ctx.branding.logo_url)
  return (
    <Section style={{ paddingBottom: "24px" }}>
      <Link
        href={`${ctx.storefrontUrl}/`}
        data-skip-href="true"
        style={{ textDecoration: "none" }}
      >
        {logo ? (
          <Img
            src={logo}
            alt={ctx.shop}
            height="40"
            style={{ height: "40px" }}
          />
        ) : (
          <Text
            style={{
              color: colors.text,
              fontSize: "20px",
              fontWeight: 700,
              margin: 0,
            }}
          >
            {ctx.shop}
          </Text>
        )}
      </Link>
    </Section>
  )
}
