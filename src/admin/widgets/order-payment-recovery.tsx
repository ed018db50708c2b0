import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { Container, Heading, StatusBadge, Text } from "@medusajs/ui"
import { usePaymentRecoveries } from "../hooks/api/autopilot"

/**
 * On an order recovered by Autopilot: when, after how many checks at the
 * provider, and from which payment session. Renders nothing otherwise.
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
  return (
    <Container
      className="flex flex-col gap-y-2"
      data-testid="autopilot-order-recovery"
    >
      <div className="flex items-center justify-between">
        <Heading level="h2">Autopilot</Heading>
        <StatusBadge color={recovered ? "green" : "orange"}>
          {recovered ? "Recovered" : recovery.status.replace("_", " ")}
        </StatusBadge>
      </div>
      {recovered ? (
        <Text size="small">
          {recovery.kind === "cart"
            ? "The customer paid but never came back; Autopilot created this order"
            : "Autopilot confirmed this order's payment"}{" "}
          on{" "}
          {new Date(
            recovery.recovered_at ?? recovery.created_at
          ).toLocaleString()}{" "}
          after {recovery.attempts}{" "}
          {recovery.attempts === 1 ? "check" : "checks"} at the provider.
        </Text>
      ) : (
        <Text size="small">
          Waiting for the payment at the provider: {recovery.attempts} checks so
          far
          {recovery.next_check_at
            ? `, next ${new Date(recovery.next_check_at).toLocaleString()} (${
                recovery.cadence_preset
              } cadence)`
            : ""}
          .
        </Text>
      )}
      <Text size="xsmall" className="text-ui-fg-subtle">
        {recovery.provider_id}
        {recovery.provider_reference ? ` · ${recovery.provider_reference}` : ""}
      </Text>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side.after",
})

export default OrderPaymentRecoveryWidget
