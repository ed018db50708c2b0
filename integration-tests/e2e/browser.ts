import { existsSync } from "node:fs"
import { type Browser, chromium, type Page } from "playwright-core"

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
]

/** The Chromium to drive (Debian's `chromium` package), or null when none is installed. */
export function findChromium(): string | null {
  return CANDIDATES.find((p): p is string => !!p && existsSync(p)) ?? null
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    // As root in a sandbox, with no network but loopback: no sandbox, and no
    // background connections that would only be refused.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  })
}

/** Signs in to the Medusa admin at `${baseUrl}/app`. */
export async function adminLogin(
  page: Page,
  baseUrl: string,
  email: string,
  password: string
): Promise<void> {
  // The first page load compiles the dashboard (Vite, development mode): on
  // a busy 2-core machine that can take minutes.
  await page.goto(`${baseUrl}/app/login`, {
    waitUntil: "domcontentloaded",
    timeout: 300_000,
  })
  await page.locator('input[name="email"]').fill(email, { timeout: 180_000 })
  await page.locator('input[name="password"]').fill(password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL((url) => !url.pathname.includes("/login"), {
    timeout: 60_000,
  })
}
