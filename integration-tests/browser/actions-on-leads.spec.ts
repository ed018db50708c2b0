import { mkdir } from "node:fs/promises"
import path from "node:path"
import type { Browser, Page } from "playwright-core"
import { adminToken, ARTIFACTS, demoShop, openAdmin } from "./demo-shop"

jest.setTimeout(600_000)

// Named to run first (see sequencer.js): it needs the demo's open lead, which
// a real cart-pruning run in job-forms.spec archives.
describe("one-off actions on the demo shop", () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true })
    ;({ browser, page } = await openAdmin())
  })

  afterAll(async () => {
    await browser?.close()
  })

  it("sends a lead's next reminder now, after asking, and says what happened", async () => {
    const { baseUrl } = demoShop()
    const token = await adminToken()
    const leadsBefore = (await (
      await fetch(`${baseUrl}/admin/autopilot/leads?status=open`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { leads: { id: string; reminders_sent: number }[] }
    expect(leadsBefore.leads.length).toBeGreaterThan(0)

    await page.goto(`${baseUrl}/app/autopilot-leads`)
    const button = page.getByTestId("autopilot-remind-now").first()
    await button.waitFor({ timeout: 180_000 })
    await button.click()
    // Medusa UI's prompt first.
    const dialog = page.getByRole("alertdialog")
    await dialog.getByText("Send the next reminder now?").waitFor()
    await page.screenshot({
      path: path.join(ARTIFACTS, "lead-remind-now-prompt.png"),
    })
    await dialog.getByRole("button", { name: "Send now" }).click()
    // Then a toast with the outcome: sent, or why not.
    const toast = page.getByText(
      /Reminder sent to|Not sent|No reminder went out/
    )
    await toast.first().waitFor({ timeout: 90_000 })
    await page.screenshot({
      path: path.join(ARTIFACTS, "lead-remind-now-done.png"),
    })
    const runs = (await (
      await fetch(`${baseUrl}/admin/autopilot/jobs/cart-reminders/runs`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { runs: { trigger: string; status: string }[] }
    expect(runs.runs[0]).toMatchObject({
      trigger: "manual",
      status: "succeeded",
    })
  })
})
