import { Select, StatusBadge, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { useTrackedShipments } from "../hooks/api/autopilot"
import { SHIPMENT_STATUSES, type ShipmentStatus } from "../../types"
import { EntityLink } from "./entity-link"
import { codeInWords, formatDate, formatDateTime, relativeTime } from "./format"

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

/** The filter's late and stuck choices, as the API's `lateness`. */
const LATENESS_CHOICES = [
  { value: "late:delayed", lateness: "delayed", label: "Late" },
  { value: "late:stalled", lateness: "stalled", label: "Stuck" },
]

/** The filter's choice as the list's query. */
function queryOf(choice: string): Record<string, string> {
  if (choice === "all") return {}
  const late = LATENESS_CHOICES.find((c) => c.value === choice)
  return late ? { lateness: late.lateness } : { status: choice }
}

/** Why a parcel is late or stuck, in the merchant's words. */
function lateNote(s: {
  lateness: string | null
  late_since: string | null
  estimated_delivery_at: string | null
}): string {
  if (s.lateness === "stalled") {
    return s.late_since
      ? `No news from the carrier; stuck since ${formatDate(s.late_since)}`
      : "No news from the carrier for days"
  }
  return s.estimated_delivery_at
    ? `Expected by ${formatDate(s.estimated_delivery_at)}`
    : "Past the carrier's expected delivery"
}

/** Carrier providers (disabled ones with the reason) and the parcels followed, problems first. */
export const TrackedShipments = () => {
  const [status, setStatus] = useState("all")
  const { data } = useTrackedShipments(queryOf(status))
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
            {LATENESS_CHOICES.map((c) => (
              <Select.Item key={c.value} value={c.value}>
                {c.label}
              </Select.Item>
            ))}
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
                <div className="flex flex-wrap items-center gap-1">
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
                  {s.lateness && (
                    <StatusBadge color="orange" title={lateNote(s)}>
                      {s.lateness === "stalled" ? "Stuck" : "Late"}
                    </StatusBadge>
                  )}
                </div>
                {s.lateness ? (
                  <Text size="xsmall" className="text-ui-fg-subtle">
                    {lateNote(s)}
                  </Text>
                ) : (
                  s.estimated_delivery_at &&
                  s.status !== "delivered" && (
                    <Text size="xsmall" className="text-ui-fg-subtle">
                      Expected {formatDate(s.estimated_delivery_at)}
                    </Text>
                  )
                )}
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
