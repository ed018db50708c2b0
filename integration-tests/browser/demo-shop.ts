import { readFileSync } from "node:fs"
import path from "node:path"
import type { Browser, Page } from "playwright-core"
import { adminLogin, findChromium, launchChromium } from "../e2e/browser"

export const ROOT = path.resolve(__dirname, "../..")
/** Where the browser tests write their screenshots. */
export const ARTIFACTS = path.join(ROOT, "test-results", "browser")

const ADMIN = { email: "admin@autopilot.local", password: "autopilot-demo" }

export type DemoSeed = Record<string, unknown> & {
  publishable_key?: string
  product_ids?: string[]
  sold_out_variant_ids?: string[]
  customer_ids?: string[]
  cart_ids?: string[]
  restock_subscription_ids?: string[]
}

/** The demo shop the tier's global setup started (or BROWSER_BASE_URL). */
export function demoShop(): {
  baseUrl: string
  admin: { email: string; password: string }
  seed: DemoSeed
} {
  const baseUrl = process.env.BROWSER_BASE_URL
  if (!baseUrl)
    throw new Error("BROWSER_BASE_URL is not set: run with TEST_TYPE=browser")
  const dir = process.env.BROWSER_DEMO_DIR ?? path.join(ROOT, ".demo")
  let seed: DemoSeed = {}
  try {
    seed = JSON.parse(readFileSync(path.join(dir, "seed.json"), "utf8"))
  } catch {
    // a reused demo that did not seed on its last start
  }
  return { baseUrl, admin: ADMIN, seed }
}

/** A bearer token for the demo's admin API. */
export async function adminToken(): Promise<string> {
  const { baseUrl, admin } = demoShop()
  const res = await fetch(`${baseUrl}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(admin),
  })
  if (!res.ok) throw new Error(`admin login failed: ${res.status}`)
  return ((await res.json()) as { token: string }).token
}

/** Chromium, signed in to the demo's admin, 1400×900. Close the browser in afterAll. */
export async function openAdmin(): Promise<{ browser: Browser; page: Page }> {
  const executable = findChromium()
  if (!executable) {
    throw new Error(
      "no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)"
    )
  }
  const { baseUrl, admin } = demoShop()
  const browser = await launchChromium(executable)
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  await adminLogin(page, baseUrl, admin.email, admin.password)
  return { browser, page }
}
