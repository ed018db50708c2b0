import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { Container, Heading, StatusBadge, Text } from "@medusajs/ui"
import { formatDateTime } from "../components/overview/format"
import { useTrackedShipments } from "../hooks/api/autopilot"
import {
  safeHttpUrl,
  type ShipmentStatus,
  type TrackedShipment,
  type TrackingProvider,
} from "../../types"

const COLORS: Record<
  ShipmentStatus,
  "green" | "orange" | "red" | "blue" | "grey"
> = {
  pending: "grey",
  info_received: "blue",
  in_transit: "blue",
  out_for_delivery: "blue",
  available_for_pickup: "orange",
  delivered: "green",
  attempt_failed: "orange",
  exception: "red",
  returned_to_sender: "red",
  expired: "grey",
}

/** A status in words, as the customer's message names it. */
const label = (status: string) => {
  const words = status.replace(/_/g, " ")
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** "sandbox" → "Sandbox", "17track" → "17track", "aftership" → "Aftership". */
const providerName = (name: string) =>
  name.charAt(0).toUpperCase() + name.slice(1)

const Parcel = ({
  shipment,
  index,
  total,
  provider,
}: {
  shipment: TrackedShipment
  index: number
  total: number
  provider?: TrackingProvider
}) => {
  const events = [...(shipment.events ?? [])].reverse()
  // Only an http(s) URL becomes a link: React renders `javascript:` as given.
  const trackingUrl = safeHttpUrl(shipment.tracking_url)
  return (
    <div
      className="flex flex-col gap-y-2 border-t border-ui-border-base pt-3"
      data-testid="autopilot-parcel"
    >
      <div className="flex items-center justify-between">
        <div className="flex flex-col">
          <Text size="small" weight="plus">
            Parcel {index} of {total} ·{" "}
            {trackingUrl ? (
              <a
                href={trackingUrl}
                target="_blank"
                rel="noreferrer"
                className="text-ui-fg-interactive"
              >
                {shipment.tracking_number}
              </a>
            ) : (
              shipment.tracking_number
            )}
          </Text>
          <Text size="xsmall" className="text-ui-fg-subtle">
            {shipment.carrier &&
            shipment.carrier.toLowerCase() !== shipment.provider.toLowerCase()
              ? `${shipment.carrier} · `
              : ""}
            followed through {providerName(shipment.provider)}
            {shipment.status !== "delivered" && shipment.next_check_at
              ? ` · next check ${formatDateTime(shipment.next_check_at)}`
              : ""}
          </Text>
          {trackingUrl && (
            <a
              href={trackingUrl}
              target="_blank"
              rel="noreferrer"
              className="txt-compact-xsmall text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
              data-testid="autopilot-parcel-carrier-link"
            >
              Track at the carrier ↗
            </a>
          )}
        </div>
        <div className="flex items-center gap-x-2">
          {shipment.lateness && (
            <StatusBadge color="orange" data-testid="autopilot-parcel-late">
              {shipment.lateness === "stalled" ? "Stuck" : "Late"}
            </StatusBadge>
          )}
          <StatusBadge color={COLORS[shipment.status]}>
            {label(shipment.status)}
          </StatusBadge>
        </div>
      </div>
      {shipment.status !== "delivered" &&
        (shipment.lateness === "stalled" ? (
          <Text size="xsmall" className="text-ui-fg-subtle">
            No news from the carrier
            {shipment.late_since
              ? `; stuck since ${formatDateTime(shipment.late_since)}`
              : ""}
          </Text>
        ) : shipment.estimated_delivery_at ? (
          <Text size="xsmall" className="text-ui-fg-subtle">
            {shipment.lateness === "delayed" ? "Was expected" : "Expected"} by{" "}
            {formatDateTime(shipment.estimated_delivery_at)}
          </Text>
        ) : null)}
      {provider && !provider.enabled && (
        <Text size="xsmall" className="text-ui-fg-error">
          {provider.name} is disabled: {provider.reason}
        </Text>
      )}
      {shipment.no_notification && (
        <Text size="xsmall" className="text-ui-fg-subtle">
          The customer gets no shipping messages for this order.
        </Text>
      )}
      {events.length ? (
        <ol className="flex flex-col gap-y-1">
          {events.map((e) => (
            <li
              key={e.id}
              className={`flex gap-x-3 ${e.applied ? "" : "opacity-50"}`}
              title={
                e.applied
                  ? (e.raw_status ?? "")
                  : "Not applied: older than the parcel's status at the time"
              }
            >
              <Text size="xsmall" className="text-ui-fg-subtle w-44 shrink-0">
                {formatDateTime(e.occurred_at)}
              </Text>
              <Text size="xsmall" weight="plus" className="w-32 shrink-0">
                {label(e.status)}
              </Text>
              <Text size="xsmall" className="text-ui-fg-subtle">
                {[e.message, e.location].filter(Boolean).join(" · ")}
                {e.applied ? "" : " (arrived late, not applied)"}
              </Text>
            </li>
          ))}
        </ol>
      ) : (
        <Text size="xsmall" className="text-ui-fg-subtle">
          No carrier event yet.
        </Text>
      )}
    </div>
  )
}

/**
 * On an order: each parcel Autopilot follows at the carriers, with its
 * status and timeline. Renders nothing when no parcel of the order is followed.
 */
const OrderShipmentTrackingWidget = ({
  data: order,
}: DetailWidgetProps<HttpTypes.AdminOrder>) => {
  const { data } = useTrackedShipments({ order_id: order.id, limit: "50" })
  const shipments = [...(data?.shipments ?? [])].sort((a, b) =>
    a.started_at.localeCompare(b.started_at)
  )
  if (!shipments.length) return null
  const delivered = shipments.filter((s) => s.status === "delivered").length
  const providers = new Map((data?.providers ?? []).map((p) => [p.name, p]))
  return (
    <Container
      className="flex flex-col gap-y-3"
      data-testid="autopilot-order-tracking"
    >
      <div className="flex items-center justify-between">
        <Heading level="h2">Shipment tracking</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {delivered} of {shipments.length} delivered
        </Text>
      </div>
      {shipments.map((s, i) => (
        <Parcel
          key={s.id}
          shipment={s}
          index={i + 1}
          total={shipments.length}
          provider={providers.get(s.provider)}
        />
      ))}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.after",
})

export default OrderShipmentTrackingWidget
