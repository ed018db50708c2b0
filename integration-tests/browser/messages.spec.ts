import { mkdir } from "node:fs/promises"
import path from "node:path"
import type { Browser, Page } from "playwright-core"
import type { MessageTestResponse } from "../../src/types"
import { ARTIFACTS, adminToken, demoShop, openAdmin } from "./demo-shop"

jest.setTimeout(600_000)

const MESSAGE = "autopilot.cart.reminder"

describe("the Messages page on the demo shop", () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true })
    ;({ browser, page } = await openAdmin())
  })

  afterAll(async () => {
    await browser?.close()
  })

  /** The text of the email in the sandboxed preview frame. */
  const frameText = () =>
    page
      .frameLocator('[data-testid="message-frame"]')
      .locator("body")
      .innerText({ timeout: 60_000 })

  const waitForFrameText = async (re: RegExp) => {
    const deadline = Date.now() + 60_000
    let text = ""
    while (Date.now() < deadline) {
      text = await frameText().catch(() => "")
      if (re.test(text)) return text
      await page.waitForTimeout(250)
    }
    throw new Error(`the preview never showed ${re}; it showed:\n${text}`)
  }

  it("is linked from the Autopilot page", async () => {
    await page.goto(`${demoShop().baseUrl}/app/settings/autopilot`)
    await page.getByRole("link", { name: "Messages" }).first().click()
    await page.waitForURL(/\/settings\/autopilot\/messages$/)
    await page.getByTestId(`message-${MESSAGE}`).waitFor({ timeout: 60_000 })
  })

  it("previews a message in English and in German, sandboxed", async () => {
    await page.goto(`${demoShop().baseUrl}/app/settings/autopilot/messages`)
    await page.getByTestId(`message-${MESSAGE}`).click()
    const frame = page.getByTestId("message-frame")
    await frame.waitFor({ timeout: 60_000 })
    // No scripts, no same-origin access for the rendered email.
    expect(await frame.getAttribute("sandbox")).toBe("")
    const english = await waitForFrameText(/cart/i)
    const subjectEn = await page.getByTestId("message-subject").innerText()
    await page.screenshot({
      path: path.join(ARTIFACTS, "messages-en.png"),
      fullPage: true,
    })

    await page.getByTestId("message-locale").click()
    await page.getByRole("option", { name: "Deutsch" }).click()
    const german = await waitForFrameText(/Warenkorb/)
    expect(german).not.toBe(english)
    const subjectDe = await page.getByTestId("message-subject").innerText()
    expect(subjectDe).not.toBe(subjectEn)
    expect(subjectDe).toMatch(/Warenkorb/)
    // A product of the demo's own catalog, not the built-in sample.
    const products = await page
      .getByText("Shown with products from your catalog:")
      .innerText()
    expect(products.length).toBeGreaterThan(
      "Shown with products from your catalog:".length
    )

    await page.getByRole("tab", { name: "Plain text" }).click()
    expect(await page.getByTestId("message-text").innerText()).toMatch(
      /Warenkorb/
    )
    await page.screenshot({
      path: path.join(ARTIFACTS, "messages-de-text.png"),
      fullPage: true,
    })
    const shown = await page.locator("main").innerText()
    expect(shown).not.toMatch(/\[object Object\]|undefined|\{"/)
  })

  it("sends a test to the signed-in admin and says what the provider answered", async () => {
    const answer = page.waitForResponse(
      (r) =>
        r.url().includes(`/admin/autopilot/messages/${MESSAGE}/test`) &&
        r.request().method() === "POST"
    )
    await page.getByRole("button", { name: "Send test to me" }).click()
    const result = (await (await answer).json()) as MessageTestResponse
    expect(result).toMatchObject({
      to: demoShop().admin.email,
      locale: "de",
      status: "success",
    })
    const toast = page.getByText(`Test sent to ${demoShop().admin.email}`)
    await toast.waitFor({ timeout: 30_000 })
    await page.screenshot({
      path: path.join(ARTIFACTS, "messages-test-sent.png"),
      fullPage: true,
    })

    // Medusa recorded the send to the admin's address.
    const res = await fetch(
      `${demoShop().baseUrl}/admin/notifications/${result.notification_id}?fields=%2Bstatus`,
      { headers: { authorization: `Bearer ${await adminToken()}` } }
    )
    expect(res.status).toBe(200)
    const { notification } = (await res.json()) as {
      notification: {
        to: string
        status: string
        trigger_type: string
        data: Record<string, unknown>
      }
    }
    expect(notification).toMatchObject({
      to: demoShop().admin.email,
      status: "success",
      trigger_type: "medusa-plugin-autopilot.test",
    })
    expect(notification.data).toMatchObject({
      notification_name: MESSAGE,
      autopilot_test: true,
    })
  })

  it("saves the branding and shows it in the preview", async () => {
    const original = await fetch(
      `${demoShop().baseUrl}/admin/autopilot/branding`,
      { headers: { authorization: `Bearer ${await adminToken()}` } }
    ).then((r) => r.json() as Promise<{ override: Record<string, string> }>)
    const shopName = `Browser Test Shop ${Date.now() % 100000}`
    await page.getByRole("tab", { name: "Email" }).click()
    try {
      const color = page.locator("#branding-accent_color")
      await color.fill("not a color")
      await page.getByRole("button", { name: "Save branding" }).click()
      await page
        .getByTestId("branding-accent_color-error")
        .waitFor({ timeout: 10_000 })
      await color.fill("#0a7d5a")
      await page.locator("#branding-shop_name").fill(shopName)
      await page.getByRole("button", { name: "Save branding" }).click()
      await page
        .getByText("Branding saved")
        .first()
        .waitFor({ timeout: 30_000 })
      await waitForFrameText(new RegExp(shopName))
      await page.screenshot({
        path: path.join(ARTIFACTS, "messages-branding.png"),
        fullPage: true,
      })
    } finally {
      // Leave the demo's branding as it was for the specs after this one.
      await fetch(`${demoShop().baseUrl}/admin/autopilot/branding`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${await adminToken()}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({
          shop_name: original.override?.shop_name ?? null,
          accent_color: original.override?.accent_color ?? null,
        }),
      })
    }
  })
})
