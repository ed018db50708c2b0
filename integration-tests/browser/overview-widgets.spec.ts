import { mkdir } from "node:fs/promises"
import path from "node:path"
import type { Browser, Page } from "playwright-core"
import { ARTIFACTS, adminToken, demoShop, openAdmin } from "./demo-shop"

jest.setTimeout(600_000)

/** Read-only admin API calls, to find the demo's records by what they are. */
async function adminGet<T>(pathAndQuery: string): Promise<T> {
  const res = await fetch(`${demoShop().baseUrl}${pathAndQuery}`, {
    headers: { authorization: `Bearer ${await adminToken()}` },
  })
  if (!res.ok) throw new Error(`GET ${pathAndQuery}: ${res.status}`)
  return (await res.json()) as T
}

const VISIBLE = { timeout: 180_000 }

describe("the overview and the widgets on the demo shop", () => {
  let browser: Browser
  let page: Page
  const base = () => `${demoShop().baseUrl}/app`

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true })
    ;({ browser, page } = await openAdmin())
  })

  afterAll(async () => {
    await browser?.close()
  })

  it("opens the Autopilot page with what the jobs did, and switches the period", async () => {
    const first = page.waitForRequest((r) =>
      r.url().includes("/admin/autopilot/overview?days=30")
    )
    await page.goto(`${base()}/settings/autopilot`)
    await first
    const overview = page.getByTestId("autopilot-overview")
    await overview
      .getByTestId("autopilot-overview-value")
      .first()
      .waitFor(VISIBLE)
    // The demo recovered a paid cart, delivered its parcels and fixed an
    // orphaned reservation when it ran every job.
    for (const card of ["payment-recovery", "shipments", "inventory"]) {
      const value = await page
        .getByTestId(`autopilot-overview-${card}`)
        .getByTestId("autopilot-overview-value")
        .innerText()
      expect([card, /^[1-9]/.test(value)]).toEqual([card, true])
    }
    const text = await overview.innerText()
    expect(text).toMatch(/Last 30 days/)
    expect(text).toMatch(/€\d/)
    expect(text).not.toMatch(/undefined|NaN|\[object Object\]/)
    await overview.screenshot({ path: path.join(ARTIFACTS, "overview.png") })

    const week = page.waitForRequest((r) =>
      r.url().includes("/admin/autopilot/overview?days=7")
    )
    await page.getByTestId("autopilot-overview-period-7").click()
    await week
    await page.getByText("Last 7 days").waitFor(VISIBLE)
    expect(
      await page
        .getByTestId("autopilot-overview-period-7")
        .getAttribute("aria-pressed")
    ).toBe("true")
    const quarter = page.waitForRequest((r) =>
      r.url().includes("/admin/autopilot/overview?days=90")
    )
    await page.getByTestId("autopilot-overview-period-90").click()
    await quarter
    await page.getByText("Last 90 days").waitFor(VISIBLE)
  })

  it("shows the waiting shoppers on the sold-out product's page", async () => {
    const { restock_demand } = await adminGet<{
      restock_demand: { product_id: string | null; waiting: number }[]
    }>("/admin/autopilot/restock-demand")
    const wanted = restock_demand.find((d) => d.waiting > 0 && d.product_id)
    expect(wanted).toBeDefined()
    await page.goto(`${base()}/products/${wanted!.product_id}`)
    const widget = page.getByTestId("autopilot-restock-demand")
    await widget.waitFor(VISIBLE)
    await widget.getByTestId("autopilot-restock-variant").first().waitFor()
    const text = await widget.innerText()
    expect(text).toMatch(new RegExp(`${wanted!.waiting} waiting`))
    expect(text).toMatch(/Download the demand list/)
    await widget.screenshot({
      path: path.join(ARTIFACTS, "widget-product.png"),
    })
  })

  it("shows the payment recovery on the order Autopilot recovered", async () => {
    const { payment_recoveries } = await adminGet<{
      payment_recoveries: { order_id: string | null; resolution: string }[]
    }>("/admin/autopilot/payment-recoveries?status=recovered")
    const recovered = payment_recoveries.find(
      (r) => r.order_id && r.resolution === "autopilot"
    )
    expect(recovered).toBeDefined()
    await page.goto(`${base()}/orders/${recovered!.order_id}`)
    const widget = page.getByTestId("autopilot-order-recovery")
    await widget.waitFor(VISIBLE)
    expect(await widget.innerText()).toMatch(/Recovered/)
    await widget.screenshot({
      path: path.join(ARTIFACTS, "widget-order-recovery.png"),
    })
  })

  it("shows the parcel timeline on a shipped order", async () => {
    const { shipments } = await adminGet<{
      shipments: { order_id: string | null; status: string }[]
    }>("/admin/autopilot/shipments?limit=50")
    const shipped = shipments.find((s) => s.order_id)
    expect(shipped).toBeDefined()
    await page.goto(`${base()}/orders/${shipped!.order_id}`)
    const widget = page.getByTestId("autopilot-order-tracking")
    await widget.waitFor(VISIBLE)
    await widget.getByTestId("autopilot-parcel").first().waitFor()
    const text = await widget.innerText()
    expect(text).toMatch(/Parcel 1 of/)
    expect(text).not.toMatch(/_/) // statuses in words, not in_transit
    await widget.screenshot({
      path: path.join(ARTIFACTS, "widget-order-tracking.png"),
    })
  })

  it("shows a customer's cart reminders and signups on the customer page", async () => {
    const { leads } = await adminGet<{
      leads: { customer_id: string | null }[]
    }>("/admin/autopilot/leads?limit=100")
    const customerId =
      leads.find((l) => l.customer_id)?.customer_id ??
      demoShop().seed.customer_ids?.[0]
    expect(customerId).toBeDefined()
    await page.goto(`${base()}/customers/${customerId}`)
    const widget = page.getByTestId("autopilot-customer")
    await widget.waitFor(VISIBLE)
    await widget.getByTestId("autopilot-customer-optout").waitFor(VISIBLE)
    const text = await widget.innerText()
    expect(text).toMatch(/Back-in-stock signups/)
    expect(text).toMatch(/Abandoned carts/)
    await widget.screenshot({
      path: path.join(ARTIFACTS, "widget-customer.png"),
    })
  })
})
