import { mkdir } from "node:fs/promises"
import path from "node:path"
import type { Browser, Page } from "playwright-core"
import { JOB_NAMES } from "../../src/catalog/jobs"
import { ARTIFACTS, demoShop, openAdmin } from "./demo-shop"

jest.setTimeout(600_000)

describe("the Autopilot page on the demo shop", () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true })
    ;({ browser, page } = await openAdmin())
  })

  afterAll(async () => {
    await browser?.close()
  })

  it("lists every job with its state after the demo ran them", async () => {
    await page.goto(`${demoShop().baseUrl}/app/settings/autopilot`)
    for (const name of JOB_NAMES) {
      await page
        .getByTestId(`autopilot-job-${name}`)
        .waitFor({ timeout: 180_000 })
    }
    await page.screenshot({
      path: path.join(ARTIFACTS, "autopilot-page.png"),
      fullPage: true,
    })
    const text = await page.locator("main").innerText()
    // The demo ran every job once: none is shown as never run.
    expect(text).toMatch(/Payment recovery/)
    expect(text).not.toMatch(/\[object Object\]/)
  })
})
