/** @jsxRuntime automatic */
import { Img } from "@react-email/img"
import { Link } from "@react-email/link"
import { Section } from "@react-email/section"
import { Text } from "@react-email/text"
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
