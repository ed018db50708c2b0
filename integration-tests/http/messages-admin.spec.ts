import { mkdtempSync, readdirSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules, ProductStatus } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { NOTIFICATION_NAMES } from "../../src/catalog/notifications"
import { ADMIN_EMAIL, createAdminUser } from "../helpers/admin"
import { setPluginOptions } from "../helpers/plugin-options"
import type {
  MessageListResponse,
  MessagePreviewResponse,
  MessageTestResponse,
} from "../../src/types"

jest.setTimeout(180_000)

const STOREFRONT = "https://shop.example.com"
const MAPPED = "autopilot.shipment.delivered"

setPluginOptions({
  storefrontUrl: STOREFRONT,
  templates: { [MAPPED]: "d-provider-delivered" },
})

// The outbox provider (src/providers/outbox-notification) writes what the
// provider is handed to this folder: recipient, template, data, content.
const OUTBOX = mkdtempSync(path.join(tmpdir(), "autopilot-messages-admin-"))
process.env.AUTOPILOT_OUTBOX_DIR = OUTBOX

type Captured = {
  to: string
  template: string
  data: Record<string, unknown>
  content: { subject: string; html: string; text: string } | null
}

/** What the provider was handed for a notification, by its data's key. */
function captured(name: string): Captured[] {
  return readdirSync(OUTBOX)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(path.join(OUTBOX, f), "utf8")))
    .filter((n: Captured) => n.data?.notification_name === name)
}

type ApiError = {
  response: { status: number; data: { type: string; message: string } }
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let headers: Record<string, string>
    let userId: string

    beforeAll(async () => {
      container = getContainer()
      const store = (await container.resolve(Modules.STORE).listStores())[0]
      await updateStoresWorkflow(container).run({
        input: {
          selector: { id: store.id },
          update: {
            supported_currencies: [{ currency_code: "eur", is_default: true }],
          },
        },
      })
      await createProductsWorkflow(container).run({
        input: {
          products: [
            {
              title: "Merino Trail Sock",
              handle: "merino-trail-sock",
              status: ProductStatus.PUBLISHED,
              thumbnail: "https://cdn.shop.example.com/sock.png",
              options: [{ title: "Size", values: ["42"] }],
              variants: [
                {
                  title: "42",
                  sku: "SOCK-42",
                  options: { Size: "42" },
                  prices: [{ amount: 19.5, currency_code: "eur" }],
                },
              ],
            },
          ],
        },
      })
    })

    beforeEach(async () => {
      container = getContainer()
      const admin = await createAdminUser(container)
      headers = admin.headers
      userId = admin.user.id
    })

    const fail = (p: Promise<unknown>) =>
      p.then(
        () => {
          throw new Error("expected the request to be refused")
        },
        (e: ApiError) => e.response
      )

    it("lists every message with who gets it, its kind, its trigger and a mapped template", async () => {
      const { data } = await api.get<MessageListResponse>(
        "/admin/autopilot/messages",
        { headers }
      )
      // Every message the plugin sends, in the catalog's order.
      expect(data.messages.map((m: { name: string }) => m.name)).toEqual([
        ...NOTIFICATION_NAMES,
      ])
      expect(data.locales.map((l) => l.code)).toEqual([
        "en",
        "de",
        "nl",
        "fr",
        "es",
      ])
      expect(data.default_locale).toBe("en")
      const reminder = data.messages.find(
        (m) => m.name === "autopilot.cart.reminder"
      )
      expect(reminder).toMatchObject({
        title: "Abandoned cart reminder",
        audience: "customer",
        kind: "marketing",
        provider_template: null,
      })
      expect(reminder!.trigger.length).toBeGreaterThan(10)
      expect(
        data.messages.find((m) => m.name === "autopilot.merchant.low_stock")
      ).toMatchObject({ audience: "merchant" })
      expect(data.messages.find((m) => m.name === MAPPED)).toMatchObject({
        provider_template: "d-provider-delivered",
      })
      expect(
        data.messages.filter((m) => m.provider_template !== null)
      ).toHaveLength(1)
    })

    it("previews a message with the shop's own product, price and links, in two locales", async () => {
      const get = (locale: string) =>
        api.get<MessagePreviewResponse>(
          `/admin/autopilot/messages/autopilot.restock.available/preview?locale=${locale}`,
          { headers }
        )
      const [{ data: en }, { data: de }] = await Promise.all([
        get("en"),
        get("de"),
      ])
      expect(en.locale).toBe("en")
      expect(de.locale).toBe("de")
      expect(en.subject).not.toBe(de.subject)
      expect(en.subject.length).toBeGreaterThan(0)
      expect(de.subject.length).toBeGreaterThan(0)
      for (const p of [en, de]) {
        expect(p.html).toContain("Merino Trail Sock")
        expect(p.html).toContain("https://cdn.shop.example.com/sock.png")
        expect(p.text).toContain("Merino Trail Sock")
        expect(p.sample_products).toEqual(["Merino Trail Sock"])
        // Every link is on the shop's storefront (or a mailto).
        const links = [...p.html.matchAll(/\shref="([^"]+)"/g)].map((m) => m[1])
        expect(links.length).toBeGreaterThan(0)
        for (const link of links) {
          expect(link).toMatch(/^(https:\/\/shop\.example\.com\/|mailto:)/)
        }
      }
      expect(en.html).toContain(
        "https://shop.example.com/products/merino-trail-sock"
      )
    })

    it("shows the shop's price in its currency in a cart reminder", async () => {
      const { data } = await api.get<MessagePreviewResponse>(
        "/admin/autopilot/messages/autopilot.cart.reminder/preview?locale=de",
        { headers }
      )
      expect(data.html).toContain("Merino Trail Sock")
      // 19,50 € in German formatting, whatever the quantity multiplies.
      expect(data.html).toMatch(/\d+,\d{2}\s?€/)
      expect(data.html).toContain("https://shop.example.com/")
    })

    it("answers 404 for a message it does not send", async () => {
      const res = await fail(
        api.get("/admin/autopilot/messages/autopilot.nope/preview", {
          headers,
        })
      )
      expect(res.status).toBe(404)
      expect(res.data.message).toMatch(/autopilot\.nope/)
      const test = await fail(
        api.post(
          "/admin/autopilot/messages/autopilot.nope/test",
          { locale: "en" },
          { headers }
        )
      )
      expect(test.status).toBe(404)
    })

    it("answers 400 for a locale it has no catalog for, naming the valid ones", async () => {
      const res = await fail(
        api.get(
          "/admin/autopilot/messages/autopilot.cart.reminder/preview?locale=xx",
          { headers }
        )
      )
      expect(res.status).toBe(400)
      expect(res.data.message).toMatch(/en, de, nl, fr, es/)
      const test = await fail(
        api.post(
          "/admin/autopilot/messages/autopilot.cart.reminder/test",
          { locale: "it" },
          { headers }
        )
      )
      expect(test.status).toBe(400)
    })

    it("sends a test to the signed-in admin with the rendered content", async () => {
      const { data } = await api.post<MessageTestResponse>(
        "/admin/autopilot/messages/autopilot.cart.reminder/test",
        { locale: "de" },
        { headers }
      )
      expect(data).toMatchObject({
        to: ADMIN_EMAIL,
        locale: "de",
        status: "success",
        provider_template: null,
      })
      expect(data.notification_id).toMatch(/^noti_/)
      expect(data.provider_answer).toMatch(/accepted/i)
      const [row] = await container
        .resolve(Modules.NOTIFICATION)
        .listNotifications({ id: data.notification_id! })
      expect(row).toMatchObject({
        to: ADMIN_EMAIL,
        channel: "email",
        status: "success",
        trigger_type: "medusa-plugin-autopilot.test",
      })
      expect(row.data).toMatchObject({
        notification_name: "autopilot.cart.reminder",
        autopilot_test: true,
        locale: "de",
      })
      // The provider got the rendered German content for the admin.
      const [sent] = captured("autopilot.cart.reminder")
      expect(sent.to).toBe(ADMIN_EMAIL)
      expect(sent.content!.subject).toMatch(/Warenkorb/)
      expect(sent.content!.html).toContain("Merino Trail Sock")
      expect(sent.content!.text).toContain("Merino Trail Sock")
      expect(data.provider_answer).toMatch(/outbox_/)
    })

    it("sends a mapped message with the provider's template and no content", async () => {
      const { data } = await api.post<MessageTestResponse>(
        `/admin/autopilot/messages/${MAPPED}/test`,
        {},
        { headers }
      )
      expect(data).toMatchObject({
        to: ADMIN_EMAIL,
        locale: "en",
        status: "success",
        provider_template: "d-provider-delivered",
      })
      const [sent] = captured(MAPPED)
      expect(sent).toMatchObject({
        to: ADMIN_EMAIL,
        template: "d-provider-delivered",
        content: null,
      })
      expect(sent.data.items).toEqual([
        expect.objectContaining({ product_title: "Merino Trail Sock" }),
        expect.objectContaining({ product_title: "Merino Trail Sock" }),
      ])
    })

    it("refuses a test sent with a secret API key: it has no email to send to", async () => {
      const {
        result: [key],
      } = await createApiKeysWorkflow(container).run({
        input: {
          api_keys: [{ title: "script", type: "secret", created_by: userId }],
        },
      })
      const basic = `Basic ${Buffer.from(`${key.token}:`).toString("base64")}`
      const before = captured("autopilot.restock.confirm").length
      const res = await fail(
        api.post(
          "/admin/autopilot/messages/autopilot.restock.confirm/test",
          { locale: "en" },
          { headers: { authorization: basic } }
        )
      )
      expect(res.status).toBe(400)
      expect(res.data.type).toBe("not_allowed")
      expect(res.data.message).toMatch(/signed-in admin user/)
      expect(captured("autopilot.restock.confirm")).toHaveLength(before)
      // The same key may still preview.
      const preview = await api.get<MessagePreviewResponse>(
        "/admin/autopilot/messages/autopilot.restock.confirm/preview",
        { headers: { authorization: basic } }
      )
      expect(preview.data.locale).toBe("en")
    })

    it("requires a user: a request without a session is refused", async () => {
      const res = await fail(
        api.post("/admin/autopilot/messages/autopilot.cart.reminder/test", {
          locale: "en",
        })
      )
      expect(res.status).toBe(401)
    })
  },
})
