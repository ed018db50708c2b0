import { Button, Select, StatusBadge, Table, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import {
  useDismissPaymentRecovery,
  usePaymentRecoveries,
} from "../hooks/api/autopilot"
import type { PaymentRecovery } from "../../types"
import { EntityLink } from "./entity-link"
import {
  codeInWords,
  formatDateTime,
  formatMoney,
  providerName,
  relativeTime,
} from "./format"

const COLORS: Record<
  PaymentRecovery["status"],
  "green" | "orange" | "red" | "grey"
> = {
  recovered: "green",
  pending: "orange",
  needs_attention: "red",
  abandoned: "grey",
}

/** The payment sessions payment-recovery follows, with dismiss for the merchant. */
export const PaymentRecoveries = () => {
  const [status, setStatus] = useState("needs_attention")
  const { data } = usePaymentRecoveries(status === "all" ? {} : { status })
  const dismiss = useDismissPaymentRecovery()
  return (
    <div
      className="flex flex-col gap-y-3"
      data-testid="autopilot-payment-recoveries"
    >
      <div className="w-56">
        <Select value={status} onValueChange={setStatus}>
          <Select.Trigger>
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value="needs_attention">Needs attention</Select.Item>
            <Select.Item value="pending">Pending</Select.Item>
            <Select.Item value="recovered">Recovered</Select.Item>
            <Select.Item value="abandoned">Abandoned</Select.Item>
            <Select.Item value="all">All</Select.Item>
          </Select.Content>
        </Select>
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Order or cart</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Amount</Table.HeaderCell>
            <Table.HeaderCell>Provider</Table.HeaderCell>
            <Table.HeaderCell>Checks</Table.HeaderCell>
            <Table.HeaderCell>Next check</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {(data?.payment_recoveries ?? []).map((r) => (
            <Table.Row key={r.id}>
              <Table.Cell>
                <div className="flex flex-col">
                  <Text size="small">
                    {r.order_id ? (
                      <EntityLink
                        label={r.labels?.order_id}
                        fallback="An order"
                      />
                    ) : (
                      "No order yet"
                    )}
                  </Text>
                  <Text size="xsmall" className="text-ui-fg-subtle">
                    {r.email && r.labels?.cart_id?.href ? (
                      <EntityLink
                        label={{ ...r.labels.cart_id, label: r.email }}
                      />
                    ) : (
                      (r.email ?? "no email")
                    )}
                    {r.reason ? ` · ${r.reason}` : ""}
                  </Text>
                </div>
              </Table.Cell>
              <Table.Cell>
                <StatusBadge color={COLORS[r.status]}>
                  {codeInWords(r.status)}
                </StatusBadge>
              </Table.Cell>
              <Table.Cell>
                {formatMoney(r.amount, r.currency_code)}
                {r.refunded ? " (refunded)" : ""}
              </Table.Cell>
              <Table.Cell>
                <Text size="xsmall" title={r.provider_id}>
                  {providerName(r.provider_id)}
                </Text>
              </Table.Cell>
              <Table.Cell>{r.attempts}</Table.Cell>
              <Table.Cell>
                <div className="flex flex-col">
                  <Text
                    size="small"
                    title={
                      r.next_check_at
                        ? formatDateTime(r.next_check_at)
                        : undefined
                    }
                  >
                    {r.next_check_at ? relativeTime(r.next_check_at) : "—"}
                  </Text>
                  <Text
                    size="xsmall"
                    className="text-ui-fg-subtle"
                    data-testid="autopilot-cadence-preset"
                  >
                    {r.cadence_preset} cadence
                  </Text>
                </div>
              </Table.Cell>
              <Table.Cell>
                <Button
                  size="small"
                  variant="transparent"
                  isLoading={dismiss.isPending && dismiss.variables === r.id}
                  onClick={() =>
                    dismiss.mutate(r.id, {
                      onSuccess: () => toast.success("Dismissed"),
                      onError: (e) => toast.error(e.message),
                    })
                  }
                >
                  Dismiss
                </Button>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {!data?.payment_recoveries.length && (
        <Text size="small" className="text-ui-fg-subtle">
          Nothing here.
        </Text>
      )}
    </div>
  )
}
