import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { Container, Heading, StatusBadge, Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { relativeTime } from "../components/format"
import { formatDateTime, plural } from "../components/overview/format"
import { restockDemandCsvUrl } from "../hooks/api/autopilot"
import { useProductRestock } from "../hooks/api/widgets"
import type { ProductRestockVariant, RestockWaveSummary } from "../../types"

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

const VariantRow = ({ variant }: { variant: ProductRestockVariant }) => (
  <Table.Row data-testid="autopilot-restock-variant">
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
      {variant.waiting > 0 ? (
        <StatusBadge
          color="orange"
          title={
            variant.waiting_since
              ? `Waiting since ${formatDateTime(variant.waiting_since)}`
              : undefined
          }
        >
          {variant.waiting} waiting
        </StatusBadge>
      ) : (
        <Text size="small" className="text-ui-fg-subtle">
          Nobody
        </Text>
      )}
    </Table.Cell>
    <Table.Cell>
      <Text size="small">
        {variant.alerted
          ? `${variant.alerted} alerted, ${variant.bought} bought`
          : "—"}
      </Text>
    </Table.Cell>
    <Table.Cell>
      <LastWave wave={variant.last_wave} />
    </Table.Cell>
  </Table.Row>
)

/**
 * On a product: how many shoppers wait for each variant to be back in
 * stock, how many were alerted and bought, and the last wave of alerts.
 * Renders nothing for a product nobody ever signed up for.
 */
const ProductRestockDemandWidget = ({
  data: product,
}: DetailWidgetProps<HttpTypes.AdminProduct>) => {
  const { data } = useProductRestock(product.id)
  const variants = data?.variants ?? []
  const shown = variants.filter(
    (v) => v.waiting > 0 || v.alerted > 0 || v.last_wave
  )
  if (!shown.length) return null
  const total = variants.reduce((sum, v) => sum + v.waiting, 0)
  return (
    <Container
      className="flex flex-col gap-y-3"
      data-testid="autopilot-restock-demand"
    >
      <div className="flex items-start justify-between gap-x-4">
        <div className="flex flex-col">
          <Heading level="h2">Back-in-stock demand</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {total
              ? `${plural(total, "shopper")} ${total === 1 ? "waits" : "wait"} for a variant of this product to be back in stock.`
              : "Nobody waits for this product right now."}
          </Text>
        </div>
        <div className="flex shrink-0 flex-col items-end gap-y-1">
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
            <Table.HeaderCell>Alerts</Table.HeaderCell>
            <Table.HeaderCell>Last alerts sent</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {shown.map((variant) => (
            <VariantRow key={variant.variant_id} variant={variant} />
          ))}
        </Table.Body>
      </Table>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "product.details.after",
})

export default ProductRestockDemandWidget
