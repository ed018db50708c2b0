import { Select, StatusBadge, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { useTrackedShipments } from "../hooks/api/autopilot"
import { SHIPMENT_STATUSES, type ShipmentStatus } from "../../types"
import { EntityLink } from "./entity-link"
import { codeInWords, formatDateTime, relativeTime } from "./format"

const PROBLEMS: ShipmentStatus[] = [
  "exception",
  "attempt_failed",
  "returned_to_sender",
]
/** The filter's choices: problems first, then the rest in their usual order. */
const STATUSES: ShipmentStatus[] = [
  ...PROBLEMS,
  ...SHIPMENT_STATUSES.filter((s) => !PROBLEMS.includes(s)),
]

/** Carrier providers (disabled ones with the reason) and the parcels followed, problems first. */
export const TrackedShipments = () => {
  const [status, setStatus] = useState("all")
  const { data } = useTrackedShipments(status === "all" ? {} : { status })
  const rows = data?.shipments ?? []
  return (
    <div
      className="flex flex-col gap-y-3"
      data-testid="autopilot-tracked-shipments"
    >
      <div className="flex flex-wrap gap-2">
        {(data?.providers ?? []).map((p) => (
          <StatusBadge
            key={p.name}
            color={p.enabled ? "green" : "grey"}
            title={p.enabled ? `Webhook: ${p.webhook_url}` : (p.reason ?? "")}
          >
            {p.name}
            {p.enabled ? "" : " (off)"}
          </StatusBadge>
        ))}
      </div>
      <div className="w-56">
        <Select value={status} onValueChange={setStatus}>
          <Select.Trigger>
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value="all">All (problems first)</Select.Item>
            {STATUSES.map((s) => (
              <Select.Item key={s} value={s}>
                {codeInWords(s)}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Tracking number</Table.HeaderCell>
            <Table.HeaderCell>Carrier</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Last event</Table.HeaderCell>
            <Table.HeaderCell>Order</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((s) => (
            <Table.Row key={s.id}>
              <Table.Cell>
                {s.tracking_url ? (
                  <a
                    href={s.tracking_url}
                    target="_blank"
                    rel="noreferrer"
                    className="text-ui-fg-interactive"
                  >
                    {s.tracking_number}
                  </a>
                ) : (
                  s.tracking_number
                )}
              </Table.Cell>
              <Table.Cell>{s.carrier ?? s.provider}</Table.Cell>
              <Table.Cell>
                <StatusBadge
                  color={
                    PROBLEMS.includes(s.status)
                      ? "red"
                      : s.status === "delivered"
                        ? "green"
                        : "blue"
                  }
                >
                  {codeInWords(s.status)}
                </StatusBadge>
                {s.last_error && (
                  <Text size="xsmall" className="text-ui-fg-subtle">
                    {s.last_error}
                  </Text>
                )}
              </Table.Cell>
              <Table.Cell>
                <span title={formatDateTime(s.last_event_at)}>
                  {s.last_event_at ? relativeTime(s.last_event_at) : "—"}
                </span>
              </Table.Cell>
              <Table.Cell>
                <EntityLink
                  label={s.labels?.order_id}
                  fallback={s.order_id ? "An order" : "—"}
                />
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {!rows.length && (
        <Text size="small" className="text-ui-fg-subtle">
          No parcels followed yet.
        </Text>
      )}
    </div>
  )
}
