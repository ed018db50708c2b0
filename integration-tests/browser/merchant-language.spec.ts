import { mkdir } from "node:fs/promises"
import path from "node:path"
import type { Browser, Page } from "playwright-core"
import { adminToken, ARTIFACTS, demoShop, openAdmin } from "./demo-shop"

jest.setTimeout(600_000)

/** A record id (`order_01…`) or a job's action code where a merchant reads. */
const RAW_ID =
  /\b(order|user|iitem|sloc|variant|prod|cus|cart|apk|pay|payses)_[0-9A-Z]{10}/
const CODES = /\b(finding|notify|would-fix|would-remind|retention):/
/** The browser's default date, where the Medusa admin writes "Dec 5, 2026". */
const NUMERIC_DATE = /\b\d{1,2}\/\d{1,2}\/\d{4}\b/

type Run = { id: string; status: string; dry_run: boolean }

describe("the admin speaks the merchant's language", () => {
  let browser: Browser
  let page: Page
  let token: string
  const { baseUrl } = demoShop()

  const api = async <T>(route: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${baseUrl}${route}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
      },
    })
    if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`)
    return (await res.json()) as T
  }

  /** The page, or one part of it scrolled into view. */
  const shoot = async (name: string, testId?: string) => {
    const file = path.join(ARTIFACTS, `merchant-language-${name}.png`)
    if (!testId) return page.screenshot({ path: file, fullPage: true })
    const part = page.getByTestId(testId)
    await part.scrollIntoViewIfNeeded()
    return part.screenshot({ path: file })
  }

  /** What the merchant reads on the page: no ids, no codes, no numeric dates. */
  const expectMerchantWords = async () => {
    const text = await page.locator("main").innerText()
    expect(text).not.toMatch(RAW_ID)
    expect(text).not.toMatch(CODES)
    expect(text).not.toMatch(NUMERIC_DATE)
    expect(text).not.toMatch(/\[object Object\]/)
    expect(text).not.toMatch(/\b1 (runs|items|variants)\b/)
    return text
  }

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true })
    token = await adminToken()
    ;({ browser, page } = await openAdmin())
  })

  afterAll(async () => {
    await browser?.close()
  })

  it("lists the jobs with their schedules in words", async () => {
    await page.goto(`${baseUrl}/app/settings/autopilot`)
    await page
      .getByTestId("autopilot-job-inventory-reconciliation")
      .waitFor({ timeout: 180_000 })
    const schedules = await page
      .getByTestId("autopilot-job-schedule")
      .allInnerTexts()
    expect(schedules.length).toBeGreaterThan(5)
    for (const s of schedules) expect(s).toMatch(/^Runs (every|at|daily|on)/)
    const text = await expectMerchantWords()
    expect(text).toMatch(/every 5 minutes/)
    expect(text).toMatch(/daily at 03:30 UTC/)
    await shoot("jobs")
  })

  it("tells a dry run of inventory reconciliation in words, by name", async () => {
    const { run } = await api<{ run: Run }>(
      "/admin/autopilot/jobs/inventory-reconciliation/run",
      { method: "POST", body: JSON.stringify({ dry_run: true }) }
    )
    const deadline = Date.now() + 120_000
    let done: Run = run
    while (!["succeeded", "failed"].includes(done.status)) {
      if (Date.now() > deadline) throw new Error("the dry run did not finish")
      await new Promise((r) => setTimeout(r, 1000))
      done = (await api<{ run: Run }>(`/admin/autopilot/runs/${run.id}`)).run
    }
    expect(done.status).toBe("succeeded")

    await page.goto(
      `${baseUrl}/app/settings/autopilot/inventory-reconciliation`
    )
    const row = page.getByTestId("autopilot-run-row").first()
    await row.waitFor({ timeout: 60_000 })
    const rowText = await row.innerText()
    expect(rowText).toMatch(/Dry run · Succeeded/)
    expect(rowText).toMatch(/Run by admin@autopilot\.local/)
    expect(rowText).not.toMatch(/\d+ changed/)
    await row.click()
    await page
      .getByText(/^(Would change|Changed)/)
      .first()
      .waitFor()
    const text = await expectMerchantWords()
    expect(text).toMatch(/Would change (nothing|\d+ items?)/)
    expect(text).toMatch(/Last (run|\d+ runs)/)
    expect(text).toMatch(/\d+ runs? kept/)
    // When it ran, as the Medusa admin writes dates.
    expect(text).toMatch(
      /\b[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M\b/
    )
    const lines = await page.getByTestId("autopilot-run-line").allInnerTexts()
    for (const line of lines) expect(line).toMatch(/^(Would|\d)/)
    await shoot("inventory-dry-run", "autopilot-run-history")
  })

  it("names parcels' orders by their display id", async () => {
    await page.goto(`${baseUrl}/app/settings/autopilot/shipment-tracking`)
    const table = page.getByTestId("autopilot-tracked-shipments")
    await table.waitFor({ timeout: 60_000 })
    await page.waitForLoadState("networkidle")
    const { shipments } = await api<{
      shipments: { order_id: string | null }[]
    }>("/admin/autopilot/shipments?limit=20")
    if (shipments.some((s) => s.order_id)) {
      const link = table.getByRole("link", { name: /^#\d+$/ }).first()
      await link.waitFor()
      expect(await link.getAttribute("href")).toMatch(/\/app\/orders\/order_/)
    }
    await expectMerchantWords()
    await shoot("parcels", "autopilot-tracked-shipments")
  })

  it("shows payment recoveries without ids", async () => {
    await page.goto(`${baseUrl}/app/settings/autopilot/payment-recovery`)
    const list = page.getByTestId("autopilot-payment-recoveries")
    await list.waitFor({ timeout: 60_000 })
    await list.getByRole("combobox").click()
    await page.getByRole("option", { name: "All", exact: true }).click()
    await page.waitForLoadState("networkidle")
    const { payment_recoveries } = await api<{
      payment_recoveries: { order_id: string | null }[]
    }>("/admin/autopilot/payment-recoveries?limit=20")
    if (payment_recoveries.some((r) => r.order_id)) {
      const link = list.getByRole("link", { name: /^#\d+$/ }).first()
      await link.waitFor()
      expect(await link.getAttribute("href")).toMatch(/\/app\/orders\/order_/)
    }
    await expectMerchantWords()
    await shoot("payment-recoveries", "autopilot-payment-recoveries")
  })

  it("tells guests from customers among the leads", async () => {
    await page.goto(`${baseUrl}/app/autopilot-leads`)
    await page.getByTestId("autopilot-cart-leads").waitFor({ timeout: 60_000 })
    await page.waitForLoadState("networkidle")
    const { leads } = await api<{
      leads: { kind: string; total: string | number | null }[]
    }>("/admin/autopilot/leads?limit=20")
    for (const lead of leads) expect(Number(lead.total)).toBeGreaterThan(0)
    const kinds = await page.getByTestId("autopilot-lead-kind").allInnerTexts()
    expect(kinds).toEqual(
      leads.map((l) => (l.kind === "customer" ? "Customer" : "Guest"))
    )
    // The demo's registered customers and its guests both left carts.
    expect(new Set(kinds)).toEqual(new Set(["Customer", "Guest"]))
    const text = await expectMerchantWords()
    expect(text).not.toMatch(/€0\.00|0\.00 EUR/)
    await shoot("leads")
  })
})
