/** @jsxRuntime automatic */
import { Body } from "@react-email/body"
import { Container } from "@react-email/container"
import { Head } from "@react-email/head"
import { Html } from "@react-email/html"
import { Preview } from "@react-email/preview"
import type { ReactNode } from "react"
import type { MessageContext } from "../context"
import { Footer } from "./footer"
import { Header } from "./header"
import { colors, font } from "./styles"

/**
 * The frame of every message: a centred 600px column on a light page,
 * the shop's header, the body, the footer. Tables and inline styles only
 * (React Email's components), as the common mail clients need.
 */
export function Layout(props: {
  ctx: MessageContext
  preview: string
  reason: string
  unsubscribeUrl?: string | null
  children: ReactNode
}) {
  const { ctx } = props
  return (
    <Html lang={ctx.locale}>
      <Head />
      <Preview>{props.preview}</Preview>
      <Body
        style={{
          backgroundColor: colors.page,
          fontFamily: font,
          margin: 0,
          padding: "24px 0",
        }}
      >
        <Container
          style={{
            backgroundColor: "#ffffff",
            border: `1px solid ${colors.border}`,
            borderRadius: "8px",
            maxWidth: "600px",
            padding: "32px",
          }}
        >
          <Header ctx={ctx} />
          {props.children}
          <Footer
            ctx={ctx}
            reason={props.reason}
            unsubscribeUrl={props.unsubscribeUrl}
          />
        </Container>
      </Body>
    </Html>
  )
}
