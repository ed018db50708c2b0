/** @jsxRuntime automatic */
import { Button as EmailButton } from "@react-email/button"
import { Section } from "@react-email/section"
import type { MessageContext } from "../context"

/** The message's one call to action, in the shop's accent colour. */
export function Button(props: {
  ctx: MessageContext
  href: string | null
  label: string
}) {
  if (!props.href) return null
  return (
    <Section style={{ padding: "8px 0 24px" }}>
      <EmailButton
        href={props.href}
        style={{
          backgroundColor: props.ctx.branding.accent_color,
          borderRadius: "6px",
          color: "#ffffff",
          fontSize: "15px",
          fontWeight: 600,
          padding: "12px 24px",
          textDecoration: "none",
        }}
      >
        {props.label}
      </EmailButton>
    </Section>
  )
}
