import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { Container, Heading, StatusBadge, Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { formatDate, formatMoney, plural } from "../components/overview/format"
import { useCustomerActivity } from "../hooks/api/widgets"
import type {
  CustomerCartLead,
  CustomerRestockSignup,
  RestockSubscriptionStatus,
} from "../../types"

type Color = "green" | "orange" | "red" | "blue" | "grey" | "purple"

const SIGNUP_STATUS: Record<
  RestockSubscriptionStatus,
  { label: string; color: Color }
> = {
  pending_confirmation: { label: "Awaiting confirmation", color: "orange" },
  active: { label: "Waiting", color: "blue" },
  notified: { label: "Alerted", color: "green" },
  unsubscribed: { label: "Unsubscribed", color: "grey" },
  expired: { label: "Expired", color: "grey" },
}

const day = (at: string) => formatDate(at)

const OrderLink = ({
  id,
  displayId,
}: {
  id: string
  displayId: number | null
}) => (
  <Link
    to={`/orders/${id}`}
    className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
  >
    {displayId ? `order #${displayId}` : "the order"}
  </Link>
)

const SignupRow = ({ signup }: { signup: CustomerRestockSignup }) => {
  const status = signup.converted_order_id
    ? { label: "Bought", color: "green" as Color }
    : SIGNUP_STATUS[signup.status]
  return (
    <Table.Row>
      <Table.Cell>
        <div className="flex flex-col py-1">
          {signup.product_id ? (
            <Link
              to={`/products/${signup.product_id}`}
              className="txt-compact-small text-ui-fg-base hover:underline"
            >
              {signup.product_title}
            </Link>
          ) : (
            <Text size="small">A deleted product</Text>
          )}
          <Text size="xsmall" className="text-ui-fg-subtle">
            {[signup.variant_title, signup.sku].filter(Boolean).join(" · ")}
          </Text>
        </div>
      </Table.Cell>
      <Table.Cell>
        <StatusBadge color={status.color}>{status.label}</StatusBadge>
      </Table.Cell>
      <Table.Cell>
        <Text size="small">
          Signed up {day(signup.created_at)}
          {signup.notified_at ? `, alerted ${day(signup.notified_at)}` : ""}
          {signup.converted_order_id ? (
            <>
              , bought in{" "}
              <OrderLink
                id={signup.converted_order_id}
                displayId={signup.converted_order_display_id}
              />
            </>
          ) : null}
        </Text>
      </Table.Cell>
    </Table.Row>
  )
}

const LEAD_STATUS: Record<
  CustomerCartLead["status"],
  { label: string; color: Color }
> = {
  open: { label: "Open", color: "orange" },
  recovered: { label: "Recovered", color: "green" },
  archived: { label: "Not bought", color: "grey" },
}

const LeadRow = ({ lead }: { lead: CustomerCartLead }) => {
  const status = LEAD_STATUS[lead.status]
  return (
    <Table.Row>
      <Table.Cell>
        <div className="flex flex-col py-1">
          <Text size="small">
            {lead.total !== null && lead.currency_code
              ? formatMoney(lead.total, lead.currency_code)
              : "Cart"}
          </Text>
          <Text size="xsmall" className="text-ui-fg-subtle">
            {lead.last_active_at
              ? `Last active ${day(lead.last_active_at)}`
              : "Abandoned cart"}
          </Text>
        </div>
      </Table.Cell>
      <Table.Cell>
        <StatusBadge color={status.color}>{status.label}</StatusBadge>
      </Table.Cell>
      <Table.Cell>
        <Text size="small">
          {lead.reminders_sent
            ? `${plural(lead.reminders_sent, "reminder")} sent${
                lead.last_reminder_at
                  ? `, last ${day(lead.last_reminder_at)}`
                  : ""
              }`
            : "No reminder sent"}
          {lead.recovered_order_id ? (
            <>
              ; became{" "}
              <OrderLink
                id={lead.recovered_order_id}
                displayId={lead.recovered_order_display_id}
              />
            </>
          ) : null}
        </Text>
      </Table.Cell>
    </Table.Row>
  )
}

/**
 * On a customer: what Autopilot holds and did for them — back-in-stock
 * signups, abandoned carts with their reminders, and whether they opted
 * out of cart reminders.
 */
const CustomerAutopilotWidget = ({
  data: customer,
}: DetailWidgetProps<HttpTypes.AdminCustomer>) => {
  const { data, isLoading, error } = useCustomerActivity(customer.id)
  const activity = data?.customer
  return (
    <Container
      className="flex flex-col gap-y-4"
      data-testid="autopilot-customer"
    >
      <div className="flex flex-col">
        <Heading level="h2">Autopilot</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Back-in-stock alerts and cart reminders for this customer.
        </Text>
      </div>
      {isLoading && <Text size="small">Loading…</Text>}
      {error && (
        <Text size="small" className="text-ui-fg-error">
          {error.message}
        </Text>
      )}
      {activity && (
        <>
          <div
            className="flex items-center gap-x-2"
            data-testid="autopilot-customer-optout"
          >
            <Text size="small" weight="plus">
              Cart reminders
            </Text>
            {activity.cart_reminders_opt_out ? (
              <StatusBadge color="grey">
                Opted out {day(activity.cart_reminders_opt_out.since)}
              </StatusBadge>
            ) : (
              <StatusBadge color="green">Allowed</StatusBadge>
            )}
          </div>
          <div className="flex flex-col gap-y-2">
            <Text size="small" weight="plus">
              Back-in-stock signups
            </Text>
            {activity.restock_signups.length ? (
              <Table data-testid="autopilot-customer-signups">
                <Table.Body>
                  {activity.restock_signups.map((s) => (
                    <SignupRow key={s.id} signup={s} />
                  ))}
                </Table.Body>
              </Table>
            ) : (
              <Text size="small" className="text-ui-fg-subtle">
                No back-in-stock signup.
              </Text>
            )}
          </div>
          <div className="flex flex-col gap-y-2">
            <Text size="small" weight="plus">
              Abandoned carts
            </Text>
            {activity.cart_leads.length ? (
              <Table data-testid="autopilot-customer-leads">
                <Table.Body>
                  {activity.cart_leads.map((l) => (
                    <LeadRow key={l.id} lead={l} />
                  ))}
                </Table.Body>
              </Table>
            ) : (
              <Text size="small" className="text-ui-fg-subtle">
                No abandoned cart.
              </Text>
            )}
          </div>
        </>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
})

export default CustomerAutopilotWidget
