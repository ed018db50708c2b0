import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import type { MedusaContainer } from "@medusajs/framework/types"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { sendNotification } from "../../src/runtime/notifier"
import { autopilotService } from "../../src/runtime/settings"
import { createAdminUser } from "../helpers/admin"
import { setPluginOptions } from "../helpers/plugin-options"
import { createShopFixture, type ShopFixture } from "../helpers/shop-fixture"
import { RELAXED_SIGNUP_LIMITS, storefrontHeaders } from "../helpers/store"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180_000)

/**
 * What reaches the notification provider: every message the merchant did
 * not map to a provider template carries the plugin's ready content
 * (subject, HTML, text) in the shopper's language and the shop's branding;
 * a mapped one goes with its template and no content. The shop's provider
 * here is the outbox provider, which writes what it is handed to a folder.
 */
const OUTBOX = mkdtempSync(path.join(os.tmpdir(), "autopilot-outbox-"))
process.env.AUTOPILOT_OUTBOX_DIR = OUTBOX
afterAll(() => {
  delete process.env.AUTOPILOT_OUTBOX_DIR
  rmSync(OUTBOX, { recursive: true, force: true })
})

setPluginOptions({
  storefrontUrl: "https://shop.example.com",
  branding: {
    shop_name: "Nordwool",
    accent_color: "#0f766e",
    support_email: "help@nordwool.example",
    footer_address: "Kanalstraße 4, 20095 Hamburg",
  },
  templates: { "autopilot.merchant.job_stale": "d-provider-job-stale" },
  messages: {
    en: { "autopilot.merchant.job_paused": { subject: "Paused: {job}" } },
  },
  jobs: {
    "restock-alerts": {
      options: { double_opt_in: true, ...RELAXED_SIGNUP_LIMITS },
    },
  },
})

type Sent = {
  to: string
  template: string
  data: Record<string, unknown>
  content: { subject: string; html: string; text: string } | null
}

/** What the provider was handed for one recipient and template. */
function outbox(to: string, template: string): Sent[] {
  return readdirSync(OUTBOX)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(path.join(OUTBOX, f), "utf8")) as Sent)
    .filter((n) => n.to === to && n.template === template)
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let shop: ShopFixture
    let storeHeaders: Record<string, string>
    let adminHeaders: Record<string, string>

    beforeAll(async () => {
      const c = getContainer()
      shop = await createShopFixture(c, 0) // sold out
      storeHeaders = await storefrontHeaders(c, shop.salesChannelId)
    })
    beforeEach(async () => {
      container = getContainer()
      adminHeaders = (await createAdminUser(container)).headers
    })

    const send = async (
      name: "autopilot.merchant.job_stale" | "autopilot.merchant.job_paused",
      to: string
    ) =>
      sendNotification(
        container,
        await autopilotService(container).getOptions(),
        {
          name,
          to,
          data: {
            job_name: "restock-alerts",
            job_title: "Back-in-stock alerts",
            failed_runs: 5,
          },
          idempotencyKey: `messages-content:${name}:${to}`,
          itemId: to,
        }
      )

    it("an unmapped message carries ready content in the signup's language", async () => {
      const email = "anna@example.com"
      const res = await api.post(
        "/store/restock-subscriptions",
        { variant_id: shop.variantId, email, locale: "de-DE" },
        { headers: storeHeaders }
      )
      expect(res.status).toBeLessThan(300)
      const [sent] = await waitFor(
        async () => outbox(email, "autopilot.restock.confirm"),
        (found) => found.length === 1,
        { what: "the confirmation at the provider" }
      )
      // The data stays as template-based providers know it.
      expect(sent.data).toMatchObject({
        variant_id: shop.variantId,
        locale: "de-DE",
        product_title: "Test tee",
        notification_name: "autopilot.restock.confirm",
      })
      const confirm = String(sent.data.confirm_url)
      expect(confirm).toMatch(
        /^https:\/\/shop\.example\.com\/autopilot\/confirm\?token=/
      )
      // The content: German, branded, the links absolute.
      expect(sent.content).not.toBeNull()
      const { subject, html, text } = sent.content!
      expect(subject).toBe(
        "Bitte bestätigen Sie Ihre Verfügbarkeits-Benachrichtigung"
      )
      expect(html).toContain('lang="de"')
      expect(html).toContain(`href="${confirm.replace(/&/g, "&amp;")}"`)
      expect(html).toContain("#0f766e")
      expect(html).toContain("Test tee")
      expect(text).toContain("Nordwool")
      expect(text).toContain(confirm)
      expect(text).toContain(String(sent.data.unsubscribe_url))
      expect(text).toContain("Kanalstraße 4, 20095 Hamburg")
      expect(text).not.toMatch(/<[a-z]/i)
    })

    it("a message mapped to a provider template goes without content", async () => {
      const to = "owner@example.com"
      expect((await send("autopilot.merchant.job_stale", to)).status).toBe(
        "sent"
      )
      const [sent] = outbox(to, "d-provider-job-stale")
      expect(sent).toBeDefined()
      expect(sent.content).toBeNull()
      expect(sent.data).toMatchObject({
        job_title: "Back-in-stock alerts",
        notification_name: "autopilot.merchant.job_stale",
      })
      // An unmapped one to the same address has content, with the
      // `messages` option's wording.
      expect((await send("autopilot.merchant.job_paused", to)).status).toBe(
        "sent"
      )
      const [paused] = outbox(to, "autopilot.merchant.job_paused")
      expect(paused.content?.subject).toBe("Paused: Back-in-stock alerts")
    })

    it("the admin edits the branding; null returns a field to the option", async () => {
      const url = "/admin/autopilot/branding"
      const before = await api.get(url, { headers: adminHeaders })
      expect(before.data).toEqual({
        branding: {
          shop_name: "Nordwool",
          logo_url: null,
          accent_color: "#0f766e",
          support_email: "help@nordwool.example",
          footer_address: "Kanalstraße 4, 20095 Hamburg",
        },
        option: before.data.branding,
        override: {},
      })

      for (const [body, field] of [
        [{ accent_color: "teal" }, "accent_color"],
        [{ logo_url: "javascript:alert(1)" }, "logo_url"],
        [{ support_email: "nope" }, "support_email"],
        [{ colour: "#000000" }, "colour"],
      ] as const) {
        const bad = await api
          .post(url, body, { headers: adminHeaders })
          .catch((e) => e.response)
        expect(bad.status).toBe(400)
        expect(bad.data.message).toContain(field)
      }

      const changed = await api.post(
        url,
        {
          shop_name: "Nordwool Outlet",
          logo_url: "https://cdn.example.com/logo.png",
        },
        { headers: adminHeaders }
      )
      expect(changed.data.branding).toMatchObject({
        shop_name: "Nordwool Outlet",
        logo_url: "https://cdn.example.com/logo.png",
        accent_color: "#0f766e",
      })
      expect(changed.data.override).toEqual({
        shop_name: "Nordwool Outlet",
        logo_url: "https://cdn.example.com/logo.png",
      })

      const to = "branded@example.com"
      expect((await send("autopilot.merchant.job_paused", to)).status).toBe(
        "sent"
      )
      const [sent] = outbox(to, "autopilot.merchant.job_paused")
      expect(sent.content?.html).toContain(
        'src="https://cdn.example.com/logo.png"'
      )
      expect(sent.content?.text).toContain("Nordwool Outlet")

      const reset = await api.post(
        url,
        { shop_name: null },
        { headers: adminHeaders }
      )
      expect(reset.data.branding.shop_name).toBe("Nordwool")
      expect(reset.data.override).toEqual({
        logo_url: "https://cdn.example.com/logo.png",
      })
    })
  },
})
