import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { Container, Heading, StatusBadge, Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { relativeTime } from "../components/format"
import { formatDateTime, plural } from "../components/overview/format"
import {
  restockDemandCsvUrl,
  useRestockDemandForVariants,
} from "../hooks/api/autopilot"
import { useProductVariants } from "../hooks/api/widgets"
import type { RestockWaveSummary } from "../../types"

const LastWave = ({ wave }: { wave: RestockWaveSummary | null }) => {
  if (!wave) {
    return (
      <Text size="small" className="text-ui-fg-subtle">
        No alert sent yet
      </Text>
    )
  }
  const complete = wave.sent >= wave.size
  return (
    <div className="flex flex-col gap-y-1">
      <div className="flex items-center gap-x-2">
        <Text size="small" title={relativeTime(wave.at)}>
          {formatDateTime(wave.at)}
        </Text>
        <StatusBadge color={complete ? "green" : "orange"}>
          {wave.sent} of {plural(wave.size, "alert")} sent
        </StatusBadge>
      </div>
      <Text size="xsmall" className="text-ui-fg-subtle">
        {wave.available === null
          ? "Stock not tracked for this variant"
          : `${wave.available} in stock when it went out`}
      </Text>
    </div>
  )
}

/**
 * On a product: how many shoppers wait for each variant to be back in
 * stock, and the last wave of alerts. Renders nothing while nobody waits
 * and no alert went out. The product page loads the product without its
 * variants, so the widget reads them itself.
 */
const ProductRestockDemandWidget = ({
  data: product,
}: DetailWidgetProps<HttpTypes.AdminProduct>) => {
  const { data } = useProductVariants(product.id)
  const variants = data?.variants ?? []
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
            {total
              ? `${plural(total, "shopper")} ${total === 1 ? "waits" : "wait"} for a variant of this product to be back in stock.`
              : "Nobody waits for this product right now."}
          </Text>
        </div>
        <div className="flex flex-col items-end gap-y-1">
          <a
            href={restockDemandCsvUrl()}
            className="txt-compact-small-plus text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
            download
          >
            Download the demand list (CSV)
          </a>
          <Link
            to="/settings/autopilot/restock-alerts"
            className="txt-compact-small text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
          >
            Back-in-stock alert settings
          </Link>
        </div>
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Variant</Table.HeaderCell>
            <Table.HeaderCell>Waiting</Table.HeaderCell>
            <Table.HeaderCell>Last alerts</Table.HeaderCell>
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
                    <Text size="small">{variant.title ?? variant.sku}</Text>
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
                          ? `Waiting since ${formatDateTime(row.waiting_since)}`
                          : undefined
                      }
                    >
                      {waiting} waiting
                    </StatusBadge>
                  ) : (
                    <Text size="small" className="text-ui-fg-subtle">
                      Nobody
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
