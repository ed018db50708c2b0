import {
  Button,
  Select,
  StatusBadge,
  Table,
  Text,
  toast,
  usePrompt,
} from "@medusajs/ui"
import { useState } from "react"
import {
  useFixInventoryFinding,
  useInventoryFindings,
} from "../hooks/api/autopilot"
import type { InventoryFinding } from "../../types"
import { EntityLink } from "./entity-link"
import {
  codeInWords,
  FINDING_TYPES,
  formatDateTime,
  relativeTime,
} from "./format"

const FIXABLE: InventoryFinding["type"][] = [
  "reserved_drift",
  "orphaned_reservation",
]

/** What "Fix now" will change, asked before it does. */
function fixQuestion(f: InventoryFinding): string {
  const d = f.details.description
  const what = d ? `${d.charAt(0).toUpperCase()}${d.slice(1)}. ` : ""
  return f.type === "reserved_drift"
    ? `${what}The reserved quantity is set to match the open reservations. This changes your inventory.`
    : `${what}The reservation is deleted, so its units become available to sell again.`
}

/** What "Fix now" changed, from the fixed finding. */
function fixResult(f: InventoryFinding): string {
  const after = f.details.after ?? {}
  const before = f.details.before ?? {}
  if (typeof after.reserved_quantity === "number") {
    return `Reserved quantity changed from ${String(before.reserved_quantity ?? "?")} to ${after.reserved_quantity}`
  }
  if (after.reservation_deleted) {
    return "The reservation was deleted; its units are available again"
  }
  return "The finding is fixed"
}

/** What inventory-reconciliation found, with "fix now" where a fix exists. */
export const InventoryFindings = () => {
  const [status, setStatus] = useState("open")
  const { data } = useInventoryFindings(status === "all" ? {} : { status })
  const fix = useFixInventoryFinding()
  const prompt = usePrompt()
  const fixNow = async (f: InventoryFinding) => {
    const confirmed = await prompt({
      title: "Fix this finding now?",
      variant: "confirmation",
      description: fixQuestion(f),
      confirmText: "Fix now",
      cancelText: "Cancel",
    })
    if (!confirmed) return
    fix.mutate(f.id, {
      onSuccess: ({ inventory_finding }) =>
        toast.success(fixResult(inventory_finding)),
      onError: (e) => toast.error(e.message),
    })
  }
  const rows = data?.inventory_findings ?? []
  return (
    <div
      className="flex flex-col gap-y-3"
      data-testid="autopilot-inventory-findings"
    >
      <div className="w-48">
        <Select value={status} onValueChange={setStatus}>
          <Select.Trigger>
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value="open">Open</Select.Item>
            <Select.Item value="fixed">Fixed</Select.Item>
            <Select.Item value="resolved">Resolved</Select.Item>
            <Select.Item value="all">All</Select.Item>
          </Select.Content>
        </Select>
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Finding</Table.HeaderCell>
            <Table.HeaderCell>Where</Table.HeaderCell>
            <Table.HeaderCell>Mode</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Last seen</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((f) => (
            <Table.Row key={f.id}>
              <Table.Cell>
                <div className="flex flex-col">
                  <Text size="small" weight="plus">
                    {FINDING_TYPES[f.type] ?? codeInWords(f.type)}
                  </Text>
                  <Text size="xsmall" className="text-ui-fg-subtle">
                    {f.details.description}
                    {f.fix_error ? ` · fix failed: ${f.fix_error}` : ""}
                  </Text>
                </div>
              </Table.Cell>
              <Table.Cell>
                <div className="flex flex-col">
                  <Text size="small">
                    <EntityLink
                      label={f.labels?.inventory_item_id}
                      fallback={f.details.sku ?? "An inventory item"}
                    />
                  </Text>
                  <Text size="xsmall" className="text-ui-fg-subtle">
                    <EntityLink
                      label={f.labels?.location_id}
                      fallback="A stock location"
                    />
                    {f.labels?.order_id && (
                      <>
                        {" · order "}
                        <EntityLink label={f.labels.order_id} />
                      </>
                    )}
                  </Text>
                </div>
              </Table.Cell>
              <Table.Cell>
                {f.mode === "fix" ? "Fixed automatically" : "Report only"}
              </Table.Cell>
              <Table.Cell>
                <StatusBadge
                  color={
                    f.status === "open"
                      ? "orange"
                      : f.status === "fixed"
                        ? "green"
                        : "grey"
                  }
                >
                  {codeInWords(f.status)}
                </StatusBadge>
              </Table.Cell>
              <Table.Cell>
                <span title={formatDateTime(f.last_seen_at)}>
                  {relativeTime(f.last_seen_at)}
                </span>
              </Table.Cell>
              <Table.Cell>
                {f.status === "open" && FIXABLE.includes(f.type) && (
                  <Button
                    size="small"
                    variant="secondary"
                    isLoading={fix.isPending && fix.variables === f.id}
                    onClick={() => fixNow(f)}
                    data-testid={`autopilot-fix-${f.id}`}
                  >
                    Fix now
                  </Button>
                )}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {!rows.length && (
        <Text size="small" className="text-ui-fg-subtle">
          Nothing here.
        </Text>
      )}
    </div>
  )
}
