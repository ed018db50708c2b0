/** @jsxRuntime automatic */
import { Column } from "@react-email/column"
import { Heading } from "@react-email/heading"
import { Row } from "@react-email/row"
import { Section } from "@react-email/section"
import { Text } from "@react-email/text"
import type { ReactNode } from "react"
import { colors, paragraph, small } from "./styles"

export function Title({ children }: { children: ReactNode }) {
  return (
    <Heading
      as="h1"
      style={{
        color: colors.text,
        fontSize: "24px",
        lineHeight: "32px",
        margin: "0 0 16px",
      }}
    >
      {children}
    </Heading>
  )
}

export function P({ children }: { children: ReactNode }) {
  return <Text style={paragraph}>{children}</Text>
}

export function Small({ children }: { children: ReactNode }) {
  return <Text style={small}>{children}</Text>
}

/** Label and value pairs; rows without a value are left out. */
export function Details({
  rows,
}: {
  rows: [label: string, value: string | null | undefined][]
}) {
  const shown = rows.filter(([, value]) => value)
  if (!shown.length) return null
  return (
    <Section
      style={{
        backgroundColor: colors.page,
        borderRadius: "6px",
        margin: "0 0 16px",
        padding: "12px 16px",
      }}
    >
      {shown.map(([label, value]) => (
        <Row key={label}>
          <Column
            data-text-inline="true"
            style={{ width: "40%", verticalAlign: "top" }}
          >
            <Text
              data-text-inline="true"
              data-text-suffix=": "
              style={{ ...small, margin: "2px 0" }}
            >
              {label}
            </Text>
          </Column>
          <Column data-text-inline="true" style={{ verticalAlign: "top" }}>
            <Text
              data-text-inline="true"
              style={{
                ...paragraph,
                fontSize: "14px",
                lineHeight: "20px",
                margin: "2px 0",
              }}
            >
              {value}
            </Text>
          </Column>
        </Row>
      ))}
    </Section>
  )
}
