import {
  Button,
  Input,
  Select,
  StatusBadge,
  Table,
  Text,
  toast,
  usePrompt,
} from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import {
  type CartLeadFilters,
  downloadCartLeadsCsv,
  useCartLeads,
  useRemindLeadNow,
} from "../hooks/api/autopilot"
import { sdk } from "../lib/sdk"
import type { CartLead, RunResponse, RunView } from "../../types"
import { EntityLink } from "./entity-link"
import { formatDateTime, formatMoney, relativeTime } from "./format"

const COLORS: Record<CartLead["status"], "green" | "orange" | "grey"> = {
  open: "orange",
  recovered: "green",
  archived: "grey",
}

const PAGE = 20

/** Waits for a one-off run to end (up to a minute), checking every second. */
async function ended(id: string): Promise<RunView | null> {
  for (let i = 0; i < 60; i++) {
    const { run } = await sdk.client.fetch<RunResponse>(
      `/admin/autopilot/runs/${id}`
    )
    if (run.finished_at) return run
    await new Promise((r) => setTimeout(r, 1000))
  }
  return null
}

/**
 * "Send next reminder": asks first, then sends the lead's next reminder
 * now (every check a scheduled one passes still applies) and says what
 * happened.
 */
const RemindNow = ({ lead }: { lead: CartLead }) => {
  const prompt = usePrompt()
  const remind = useRemindLeadNow()
  const [waiting, setWaiting] = useState(false)
  const send = async () => {
    const ok = await prompt({
      title: "Send the next reminder now?",
      description: `${lead.email ?? "This shopper"} gets reminder ${
        lead.reminders_sent + 1
      } now, instead of after the step's waiting time. It is not sent if they unsubscribed, gave no consent, ordered meanwhile or are paying right now.`,
      confirmText: "Send now",
      cancelText: "Cancel",
    })
    if (!ok) return
    remind.mutate(lead.id, {
      onSuccess: async ({ run }) => {
        setWaiting(true)
        try {
          const done = await ended(run.id)
          if (!done) {
            toast.info("The reminder is on its way; see the job's runs")
          } else if (done.counters.changed > 0) {
            toast.success(`Reminder sent to ${lead.email ?? "the shopper"}`)
          } else {
            toast.warning(
              done.summary?.notes?.join(" ") ||
                done.error ||
                "No reminder went out"
            )
          }
        } finally {
          setWaiting(false)
        }
      },
      onError: (e) => toast.error(e.message),
    })
  }
  return (
    <Button
      size="small"
      variant="secondary"
      isLoading={remind.isPending || waiting}
      onClick={send}
      data-testid="autopilot-remind-now"
    >
      Send next reminder
    </Button>
  )
}

function money(value: CartLead["total"], currency: string | null): string {
  return formatMoney(value, currency)
}

/**
 * Leads of abandoned carts: filter by status, search by email, page through,
 * and download the matching leads as CSV.
 */
export const CartLeads = () => {
  const [status, setStatus] = useState("all")
  const [q, setQ] = useState("")
  const [offset, setOffset] = useState(0)
  const filters: CartLeadFilters = {
    ...(status !== "all" && { status }),
    ...(q.trim() && { q: q.trim() }),
  }
  const { data, isPending } = useCartLeads({
    ...filters,
    limit: PAGE,
    offset,
  })
  const count = data?.count ?? 0
  return (
    <div className="flex flex-col gap-y-3" data-testid="autopilot-cart-leads">
      <div className="flex flex-wrap items-center gap-2">
        <div className="w-44">
          <Select
            value={status}
            onValueChange={(v) => {
              setStatus(v)
              setOffset(0)
            }}
          >
            <Select.Trigger>
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="all">All</Select.Item>
              <Select.Item value="open">Open</Select.Item>
              <Select.Item value="recovered">Recovered</Select.Item>
              <Select.Item value="archived">Archived</Select.Item>
            </Select.Content>
          </Select>
        </div>
        <div className="w-64">
          <Input
            type="search"
            size="small"
            placeholder="Search email"
            value={q}
            onChange={(e) => {
              setQ(e.target.value)
              setOffset(0)
            }}
          />
        </div>
        <Button
          size="small"
          variant="secondary"
          onClick={() =>
            downloadCartLeadsCsv(filters).catch((e: Error) =>
              toast.error(e.message)
            )
          }
        >
          Export CSV
        </Button>
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Email</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Items</Table.HeaderCell>
            <Table.HeaderCell>Total</Table.HeaderCell>
            <Table.HeaderCell>Reminders</Table.HeaderCell>
            <Table.HeaderCell>Last active</Table.HeaderCell>
            <Table.HeaderCell>Discount code</Table.HeaderCell>
            <Table.HeaderCell>Order</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {(data?.leads ?? []).map((lead) => (
            <Table.Row key={lead.id}>
              <Table.Cell>
                <div className="flex flex-col">
                  <Text size="small">
                    {lead.kind === "customer" && lead.labels?.customer_id ? (
                      <EntityLink label={lead.labels.customer_id} />
                    ) : (
                      (lead.email ?? "—")
                    )}
                  </Text>
                  <Text
                    size="xsmall"
                    className="text-ui-fg-subtle"
                    data-testid="autopilot-lead-kind"
                  >
                    {(lead.kind ??
                      (lead.customer_id ? "customer" : "guest")) === "customer"
                      ? "Customer"
                      : "Guest"}
                  </Text>
                </div>
              </Table.Cell>
              <Table.Cell>
                <StatusBadge color={COLORS[lead.status]}>
                  {lead.status.charAt(0).toUpperCase() + lead.status.slice(1)}
                </StatusBadge>
              </Table.Cell>
              <Table.Cell>
                <Text size="xsmall">
                  {(lead.items ?? [])
                    .map((i) => `${i.quantity ?? 1}× ${i.title ?? ""}`)
                    .join(", ") || "—"}
                </Text>
              </Table.Cell>
              <Table.Cell>{money(lead.total, lead.currency_code)}</Table.Cell>
              <Table.Cell>{lead.reminders_sent}</Table.Cell>
              <Table.Cell>
                <span title={formatDateTime(lead.last_active_at)}>
                  {relativeTime(lead.last_active_at)}
                </span>
              </Table.Cell>
              <Table.Cell data-testid="autopilot-lead-discount">
                {lead.discount_code ? (
                  <div className="flex flex-col">
                    <Text size="small" className="whitespace-nowrap font-mono">
                      {lead.discount_code}
                    </Text>
                    <Text size="xsmall" className="text-ui-fg-subtle">
                      {lead.discount_used ? "Used by the order" : "Not used"}
                    </Text>
                  </div>
                ) : (
                  "—"
                )}
              </Table.Cell>
              <Table.Cell>
                {lead.recovered_order_id ? (
                  <Link
                    className="text-ui-fg-interactive"
                    to={`/orders/${lead.recovered_order_id}`}
                  >
                    {lead.labels?.recovered_order_id
                      ? `${lead.labels.recovered_order_id.label} · `
                      : ""}
                    {money(lead.recovered_total, lead.currency_code)}
                  </Link>
                ) : (
                  "—"
                )}
              </Table.Cell>
              <Table.Cell>
                {lead.status === "open" && <RemindNow lead={lead} />}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {!isPending && !count && (
        <Text size="small" className="text-ui-fg-subtle">
          No leads yet. A lead is kept when a cart gets its first reminder or is
          archived before pruning.
        </Text>
      )}
      {count > PAGE && (
        <div className="flex items-center justify-between">
          <Text size="small" className="text-ui-fg-subtle">
            {offset + 1}–{Math.min(offset + PAGE, count)} of {count}
          </Text>
          <div className="flex gap-2">
            <Button
              size="small"
              variant="secondary"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              Previous
            </Button>
            <Button
              size="small"
              variant="secondary"
              disabled={offset + PAGE >= count}
              onClick={() => setOffset(offset + PAGE)}
            >
              Next
            </Button>
          </div>
        </div>
      )}
    </div>
  )
}
