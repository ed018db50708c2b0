import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { Container, Heading, StatusBadge, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import {
  formatDateTime,
  formatMoney,
  formatProvider,
  plural,
} from "../components/overview/format"
import { usePaymentRecoveries } from "../hooks/api/autopilot"
import type { PaymentRecoveryStatus } from "../../types"

const STATUS: Record<
  PaymentRecoveryStatus,
  { label: string; color: "green" | "orange" | "red" | "grey" }
> = {
  pending: { label: "Checking the payment", color: "orange" },
  recovered: { label: "Recovered", color: "green" },
  abandoned: { label: "Given up", color: "grey" },
  needs_attention: { label: "Needs attention", color: "red" },
}

/**
 * On an order Autopilot recovered (or still follows): when, after how many
 * checks at the payment provider, for how much, and from which payment.
 * Renders nothing on other orders.
 */
const OrderPaymentRecoveryWidget = ({
  data: order,
}: DetailWidgetProps<HttpTypes.AdminOrder>) => {
  const { data } = usePaymentRecoveries({ order_id: order.id })
  const recovery = data?.payment_recoveries.find(
    (r) => r.resolution === "autopilot" || r.status !== "recovered"
  )
  if (!recovery) return null
  const recovered = recovery.status === "recovered"
  const status = STATUS[recovery.status]
  const checks = plural(recovery.attempts, "check")
  return (
    <Container
      className="flex flex-col gap-y-2"
      data-testid="autopilot-order-recovery"
    >
      <div className="flex items-center justify-between gap-x-2">
        <Heading level="h2">Payment recovery</Heading>
        <StatusBadge color={status.color}>{status.label}</StatusBadge>
      </div>
      {recovered ? (
        <Text size="small">
          {recovery.kind === "cart"
            ? "The customer paid but never came back to the shop: Autopilot placed this order"
            : "Autopilot confirmed this order's payment"}{" "}
          on {formatDateTime(recovery.recovered_at ?? recovery.created_at)},
          after {checks} at the payment provider.
        </Text>
      ) : (
        <Text size="small">
          Autopilot is waiting for the payment at the provider: {checks} so far
          {recovery.next_check_at
            ? `, the next on ${formatDateTime(recovery.next_check_at)}`
            : ""}
          .{recovery.reason ? ` ${recovery.reason}` : ""}
        </Text>
      )}
      <Text size="xsmall" className="text-ui-fg-subtle">
        {formatMoney(Number(recovery.amount), recovery.currency_code)} ·{" "}
        {formatProvider(recovery.provider_id)}
        {recovery.provider_reference
          ? ` · reference ${recovery.provider_reference}`
          : ""}
      </Text>
      <Link
        to="/settings/autopilot/payment-recovery"
        className="txt-compact-small text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
      >
        All recovered payments
      </Link>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side.after",
})

export default OrderPaymentRecoveryWidget
