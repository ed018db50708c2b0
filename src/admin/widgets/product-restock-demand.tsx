import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { Container, Heading, StatusBadge, Table, Text } from "@medusajs/ui"
import { relativeTime } from "../components/format"
import {
  restockDemandCsvUrl,
  useRestockDemandForVariants,
} from "../hooks/api/autopilot"
import type { RestockWaveSummary } from "../../types"

const LastWave = ({ wave }: { wave: RestockWaveSummary | null }) => {
  if (!wave) {
    return (
      <Text size="small" className="text-ui-fg-subtle">
        No wave yet
      </Text>
    )
  }
  const complete = wave.sent >= wave.size
  return (
    <div className="flex flex-col gap-y-1">
      <div className="flex items-center gap-x-2">
        <Text size="small" title={new Date(wave.at).toLocaleString()}>
          {relativeTime(wave.at)}
        </Text>
        <StatusBadge color={complete ? "green" : "orange"}>
          {wave.sent} of {wave.size} sent
        </StatusBadge>
      </div>
      <Text size="xsmall" className="text-ui-fg-subtle">
        {wave.available === null
          ? "not inventory-managed"
          : `${wave.available} available`}
      </Text>
    </div>
  )
}

/**
 * On a product: how many shoppers wait for each variant to be back in
 * stock, and the last wave of alerts. Renders nothing while nobody waits.
 */
const ProductRestockDemandWidget = ({
  data: product,
}: DetailWidgetProps<HttpTypes.AdminProduct>) => {
  const variants = product.variants ?? []
  const { demand } = useRestockDemandForVariants(variants.map((v) => v.id))
  const byVariant = new Map(demand.map((d) => [d.variant_id, d]))
  if (!demand.some((d) => d.waiting > 0 || d.last_wave)) return null
  const total = demand.reduce((sum, d) => sum + d.waiting, 0)
  return (
    <Container
      className="flex flex-col gap-y-3"
      data-testid="autopilot-restock-demand"
    >
      <div className="flex items-center justify-between">
        <div className="flex flex-col">
          <Heading level="h2">Back-in-stock demand</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {total} {total === 1 ? "shopper waits" : "shoppers wait"} for a
            variant of this product to be back in stock.
          </Text>
        </div>
        <a
          href={restockDemandCsvUrl()}
          className="txt-compact-small-plus text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
          download
        >
          Export all demand (CSV)
        </a>
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Variant</Table.HeaderCell>
            <Table.HeaderCell>Waiting</Table.HeaderCell>
            <Table.HeaderCell>Last wave</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {variants.map((variant) => {
            const row = byVariant.get(variant.id)
            const waiting = row?.waiting ?? 0
            return (
              <Table.Row key={variant.id}>
                <Table.Cell>
                  <div className="flex flex-col">
                    <Text size="small">{variant.title ?? variant.id}</Text>
                    {variant.sku && (
                      <Text size="xsmall" className="text-ui-fg-subtle">
                        {variant.sku}
                      </Text>
                    )}
                  </div>
                </Table.Cell>
                <Table.Cell>
                  {waiting > 0 ? (
                    <StatusBadge
                      color="orange"
                      title={
                        row
                          ? `waiting since ${new Date(row.waiting_since).toLocaleString()}`
                          : undefined
                      }
                    >
                      {waiting} waiting
                    </StatusBadge>
                  ) : (
                    <Text size="small" className="text-ui-fg-subtle">
                      —
                    </Text>
                  )}
                </Table.Cell>
                <Table.Cell>
                  <LastWave wave={row?.last_wave ?? null} />
                </Table.Cell>
              </Table.Row>
            )
          })}
        </Table.Body>
      </Table>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "product.details.after",
})

export default ProductRestockDemandWidget
