/** @jsxRuntime automatic */
import { Hr } from "@react-email/hr"
import { Link } from "@react-email/link"
import { Section } from "@react-email/section"
import { Text } from "@react-email/text"
import type { MessageContext } from "../context"
import { messageInfo } from "../info"
import { colors, small } from "./styles"

/**
 * Why the reader gets this message, the unsubscribe link where the
 * message is marketing, where a customer can write, and the shop's address.
 */
export function Footer(props: {
  ctx: MessageContext
  reason: string
  unsubscribeUrl?: string | null
}) {
  const { ctx } = props
  const unsubscribe = ctx.link(props.unsubscribeUrl)
  const { support_email, footer_address } = ctx.branding
  return (
    <Section>
      <Hr style={{ borderColor: colors.border, margin: "24px 0 16px" }} />
      <Text style={small}>{props.reason}</Text>
      {unsubscribe ? (
        <Text style={small}>
          {ctx.common("unsubscribe_line")}{" "}
          <Link
            href={unsubscribe}
            style={{ color: colors.muted, textDecoration: "underline" }}
          >
            {ctx.common("unsubscribe")}
          </Link>
        </Text>
      ) : null}
      {support_email && messageInfo(ctx.name).audience === "customer" ? (
        <Text style={small}>
          {ctx.common("questions", { email: support_email })}
        </Text>
      ) : null}
      <Text style={small}>
        {ctx.common("sent_by")}
        {footer_address ? ` · ${footer_address}` : ""}
      </Text>
    </Section>
  )
}
