import { Alert, Heading, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { useAutopilotOverview } from "../../hooks/api/overview"
import {
  OVERVIEW_PERIODS,
  type Overview,
  type OverviewPeriod,
} from "../../../types"
import { DailyChart, type ChartSeries } from "./daily-chart"
import { formatPeriod, formatTotals, plural } from "./format"

type Figure = {
  id: string
  title: string
  value: string
  lines: { text: string; tone?: "error" | "subtle" }[]
  series: ChartSeries[]
  link?: { to: string; label: string }
}

const ordinal = (n: number) =>
  n === 1 ? "first" : n === 2 ? "second" : n === 3 ? "third" : `${n}th`

function figures(o: Overview): Figure[] {
  const steps = [...o.cart_recovery.by_step].sort((a, b) => b.carts - a.carts)
  return [
    {
      id: "payment-recovery",
      title: "Payments recovered",
      value: plural(o.payment_recovery.orders, "order"),
      lines: [
        {
          text: o.payment_recovery.orders
            ? formatTotals(o.payment_recovery.totals)
            : "Nothing to recover",
        },
        {
          text: "Paid at the provider, completed by Autopilot",
          tone: "subtle",
        },
      ],
      series: [
        { label: "orders", values: o.payment_recovery.daily, color: "green" },
      ],
      link: {
        to: "/settings/autopilot/payment-recovery",
        label: "Payment recovery",
      },
    },
    {
      id: "cart-recovery",
      title: "Carts recovered",
      value: plural(o.cart_recovery.carts, "cart"),
      lines: [
        {
          text: o.cart_recovery.carts
            ? formatTotals(o.cart_recovery.totals)
            : "No reminded cart became an order yet",
        },
        ...(o.cart_recovery.with_discount.carts
          ? [
              {
                text: `With a discount code: ${plural(o.cart_recovery.with_discount.carts, "cart")} · ${formatTotals(o.cart_recovery.with_discount.totals)}`,
              },
              {
                text: `Without: ${plural(o.cart_recovery.without_discount.carts, "cart")}${o.cart_recovery.without_discount.carts ? ` · ${formatTotals(o.cart_recovery.without_discount.totals)}` : ""}`,
              },
            ]
          : []),
        {
          text: steps.length
            ? `Most won by the ${ordinal(steps[0].step)} reminder (${plural(steps[0].carts, "cart")})`
            : "Reminded carts that became orders",
          tone: "subtle",
        },
      ],
      series: [
        { label: "carts", values: o.cart_recovery.daily, color: "green" },
      ],
      link: {
        to: "/settings/autopilot/cart-reminders",
        label: "Cart reminders",
      },
    },
    {
      id: "restock",
      title: "Back-in-stock alerts",
      value: plural(o.restock.alerts, "alert"),
      lines: [
        {
          text: o.restock.orders
            ? `${plural(o.restock.orders, "order")} followed · ${formatTotals(o.restock.totals)}`
            : "No order followed yet",
        },
        {
          text: `Orders of the variant by the alerted shopper within ${plural(o.restock.attribution_days, "day")}`,
          tone: "subtle",
        },
      ],
      series: [
        { label: "alerts", values: o.restock.daily_alerts, color: "blue" },
        { label: "orders", values: o.restock.daily_orders, color: "green" },
      ],
      link: {
        to: "/settings/autopilot/restock-alerts",
        label: "Back-in-stock alerts",
      },
    },
    {
      id: "shipments",
      title: "Parcels delivered",
      value: plural(o.shipments.delivered, "parcel"),
      lines: [
        o.shipments.problems
          ? {
              text: `${plural(o.shipments.problems, "parcel")} had a problem`,
              tone: "error",
            }
          : { text: "No delivery problem" },
        { text: "Followed at the carriers", tone: "subtle" },
      ],
      series: [
        {
          label: "delivered",
          values: o.shipments.daily_delivered,
          color: "green",
        },
        {
          label: "with a problem",
          values: o.shipments.daily_problems,
          color: "red",
        },
      ],
      link: {
        to: "/settings/autopilot/shipment-tracking",
        label: "Shipment tracking",
      },
    },
    {
      id: "inventory",
      title: "Inventory fixes",
      value: plural(o.inventory.fixed, "fix", "fixes"),
      lines: [
        { text: "Stock records corrected" },
        { text: "Automatically or with Fix now", tone: "subtle" },
      ],
      series: [{ label: "fixed", values: o.inventory.daily, color: "purple" }],
      link: {
        to: "/settings/autopilot/inventory-reconciliation",
        label: "Inventory reconciliation",
      },
    },
  ]
}

const FigureCard = ({ figure, dates }: { figure: Figure; dates: string[] }) => (
  <div
    className="flex min-w-0 flex-col gap-y-2 rounded-lg border border-ui-border-base bg-ui-bg-subtle p-4"
    data-testid={`autopilot-overview-${figure.id}`}
  >
    <Text size="small" weight="plus" className="text-ui-fg-subtle">
      {figure.title}
    </Text>
    <Heading level="h2" data-testid="autopilot-overview-value">
      {figure.value}
    </Heading>
    <div className="flex flex-col">
      {figure.lines.map((line) => (
        <Text
          key={line.text}
          size="xsmall"
          className={
            line.tone === "error"
              ? "text-ui-fg-error"
              : line.tone === "subtle"
                ? "text-ui-fg-subtle"
                : "text-ui-fg-base"
          }
        >
          {line.text}
        </Text>
      ))}
    </div>
    <div className="mt-auto flex flex-col gap-y-1">
      <DailyChart
        dates={dates}
        series={figure.series}
        label={`${figure.title} per day`}
      />
      {figure.link && (
        <Link
          to={figure.link.to}
          className="txt-compact-xsmall-plus text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
        >
          {figure.link.label}
        </Link>
      )}
    </div>
  </div>
)

/**
 * The top of the Autopilot page: what the plugin did for the shop over the
 * last 7, 30 or 90 days, one card per job that earns or saves something.
 */
export const OverviewSection = () => {
  const [days, setDays] = useState<OverviewPeriod>(30)
  const { data, error, isPlaceholderData } = useAutopilotOverview(days)
  const overview = data?.overview
  return (
    <section
      className="flex flex-col gap-y-4 px-6 py-4"
      data-testid="autopilot-overview"
    >
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex flex-col">
          <Heading level="h2">What Autopilot did</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {overview
              ? `Last ${overview.days} days · ${formatPeriod(overview.dates[0], overview.dates[overview.dates.length - 1])}`
              : `Last ${days} days`}
          </Text>
        </div>
        <div
          role="group"
          aria-label="Period"
          className="flex rounded-lg bg-ui-bg-component p-0.5 shadow-borders-base"
        >
          {OVERVIEW_PERIODS.map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={p === days}
              data-testid={`autopilot-overview-period-${p}`}
              onClick={() => setDays(p)}
              className={`txt-compact-small-plus rounded-md px-3 py-1 transition-colors ${
                p === days
                  ? "bg-ui-bg-base text-ui-fg-base shadow-elevation-card-rest"
                  : "text-ui-fg-muted hover:text-ui-fg-subtle"
              }`}
            >
              {p} days
            </button>
          ))}
        </div>
      </div>
      {error && <Alert variant="error">{error.message}</Alert>}
      {overview ? (
        <div
          className={`grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-5 ${
            isPlaceholderData ? "opacity-60" : ""
          }`}
        >
          {figures(overview).map((f) => (
            <FigureCard key={f.id} figure={f} dates={overview.dates} />
          ))}
        </div>
      ) : (
        !error && (
          <Text size="small" className="text-ui-fg-subtle">
            Loading…
          </Text>
        )
      )}
    </section>
  )
}
