import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules, ProductStatus } from "@medusajs/framework/utils"
import { createProductsWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { autopilotService } from "../../src/runtime/settings"
import { createAdminUser } from "../helpers/admin"
import { setPluginOptions } from "../helpers/plugin-options"
import { createShopFixture, type ShopFixture } from "../helpers/shop-fixture"
import { storefrontHeaders } from "../helpers/store"

jest.setTimeout(240_000)

/**
 * The back-in-stock signup's limits stop abuse, not shoppers: every shopper
 * of a server-rendered storefront reaches Medusa from one address, one
 * shopper may want many sold-out variants, and a header anyone can send
 * must not move the counters. Every limit is at its default unless a test
 * sets it.
 */
setPluginOptions({ storefrontUrl: "https://shop.example.com" })

const SECRET = "storefront-secret-0123456789abcdef"

type Answer = {
  status: number
  data: { type?: string; message?: string } & Record<string, unknown>
  headers: Record<string, string>
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let shop: ShopFixture
    let storeHeaders: Record<string, string>
    let adminHeaders: Record<string, string>
    /** Sold-out variants of one product, sold in the fixture's channel. */
    let variants: string[]

    beforeAll(async () => {
      const c = getContainer()
      shop = await createShopFixture(c, 0) // sold out
      storeHeaders = await storefrontHeaders(c, shop.salesChannelId)
      const sizes = ["XS", "S", "M", "L", "XL", "XXL", "3XL", "4XL"]
      const {
        result: [product],
      } = await createProductsWorkflow(c).run({
        input: {
          products: [
            {
              title: "Sold-out hoodie",
              status: ProductStatus.PUBLISHED,
              sales_channels: [{ id: shop.salesChannelId }],
              options: [{ title: "Size", values: sizes }],
              variants: sizes.map((size) => ({
                title: size,
                sku: `HOODIE-${size}-${Date.now()}`,
                options: { Size: size },
                manage_inventory: true,
                allow_backorder: false,
                prices: [{ currency_code: "eur", amount: 50 }],
              })),
            },
          ],
        },
      })
      variants = product.variants!.map((v) => v.id)
    })

    beforeEach(async () => {
      container = getContainer()
      adminHeaders = (await createAdminUser(container)).headers
    })

    const setJobOptions = async (options: Record<string, unknown>) => {
      const res = await api.post(
        "/admin/autopilot/jobs/restock-alerts",
        { options },
        { headers: adminHeaders }
      )
      expect(res.status).toBe(200)
    }
    /** Any answer, refusals included. */
    const post = (
      path: string,
      body: unknown,
      headers: Record<string, string> = {}
    ): Promise<Answer> =>
      api.post(path, body, { headers: { ...storeHeaders, ...headers } }).then(
        (r) => r as unknown as Answer,
        (e: { response: Answer }) => e.response
      )
    const signup = (
      email: string,
      variantId = shop.variantId,
      headers: Record<string, string> = {}
    ) =>
      post(
        "/store/restock-subscriptions",
        { variant_id: variantId, email },
        headers
      )
    const statuses = (answers: Answer[]) => answers.map((a) => a.status)
    const expectTooMany = (answer: Answer, message: RegExp) => {
      expect(answer.status).toBe(429)
      expect(answer.data.type).toBe("too_many_requests")
      expect(answer.data.message).toMatch(message)
      expect(answer.data.message).toMatch(
        /try again in \d+ (seconds?|minutes?|hours)\.$/
      )
      const retryAfter = Number(answer.headers["retry-after"])
      expect(Number.isInteger(retryAfter)).toBe(true)
      expect(retryAfter).toBeGreaterThan(0)
    }
    const subs = () =>
      autopilotService(container).listRestockSubscriptions({}, { take: null })

    describe("shoppers are not refused", () => {
      it("30 shoppers behind one storefront address are all accepted (defaults)", async () => {
        const answers: Answer[] = []
        for (let i = 0; i < 30; i++) {
          answers.push(await signup(`shopper${i}@example.com`))
        }
        expect(statuses(answers)).toEqual(Array(30).fill(201))
        expect(await subs()).toHaveLength(30)
      })

      it("30 shoppers through a storefront with the secret are all accepted, each counted on their own", async () => {
        await setJobOptions({
          storefront: { secret: SECRET },
          ip_limit: { max: 2, window_minutes: 10 },
        })
        const answers: Answer[] = []
        for (let i = 0; i < 30; i++) {
          answers.push(
            await signup(`shopper${i}@example.com`, shop.variantId, {
              "x-autopilot-storefront-secret": SECRET,
              "x-autopilot-client-ip": `198.51.100.${i + 1}`,
            })
          )
        }
        expect(statuses(answers)).toEqual(Array(30).fill(201))
        // The secret without a shopper's address: only the shop ceiling.
        for (let i = 0; i < 5; i++) {
          const res = await signup(`anon${i}@example.com`, shop.variantId, {
            "x-autopilot-storefront-secret": SECRET,
          })
          expect(res.status).toBe(201)
        }
        // One shopper's address is still limited.
        const same = { "x-autopilot-storefront-secret": SECRET }
        const ip = { "x-autopilot-client-ip": "203.0.113.50" }
        expect(
          (await signup("a@example.com", shop.variantId, { ...same, ...ip }))
            .status
        ).toBe(201)
        expect(
          (await signup("b@example.com", shop.variantId, { ...same, ...ip }))
            .status
        ).toBe(201)
        expectTooMany(
          await signup("c@example.com", shop.variantId, { ...same, ...ip }),
          /^Too many sign-ups from your network right now/
        )
      })

      it("one shopper signing up for 8 sold-out variants is accepted every time; repeats do not count", async () => {
        const answers: Answer[] = []
        for (const variantId of variants) {
          answers.push(await signup("fan@example.com", variantId))
          answers.push(await signup("fan@example.com", variantId))
        }
        expect(statuses(answers)).toEqual(variants.flatMap(() => [201, 200]))
        expect(await subs()).toHaveLength(8)
      })
    })

    describe("client address", () => {
      it("ignores a spoofed X-Forwarded-For when no proxy is configured", async () => {
        await setJobOptions({ ip_limit: { max: 3, window_minutes: 10 } })
        for (let i = 0; i < 3; i++) {
          expect((await signup(`ip${i}@example.com`)).status).toBe(201)
        }
        expectTooMany(
          await signup("spoof@example.com", shop.variantId, {
            "x-forwarded-for": "203.0.113.99",
          }),
          /^Too many sign-ups from your network right now/
        )
        // So is the storefront header without the secret.
        expect(
          (
            await signup("spoof@example.com", shop.variantId, {
              "x-autopilot-client-ip": "203.0.113.98",
            })
          ).status
        ).toBe(429)
      })

      it("honours X-Forwarded-For across trusted_hops", async () => {
        await setJobOptions({
          ip_limit: { max: 2, window_minutes: 10 },
          client_ip: { trusted_hops: 1 },
        })
        for (let i = 0; i < 6; i++) {
          const res = await signup(`hop${i}@example.com`, shop.variantId, {
            "x-forwarded-for": `203.0.113.${i + 1}`,
          })
          expect(res.status).toBe(201)
        }
        const again = { "x-forwarded-for": "203.0.113.1" }
        expect(
          (await signup("hop8@example.com", shop.variantId, again)).status
        ).toBe(201)
        expectTooMany(
          await signup("hop9@example.com", shop.variantId, again),
          /your network/
        )
      })

      it("answers 401 to a wrong storefront secret", async () => {
        await setJobOptions({ storefront: { secret: SECRET } })
        const res = await signup("x@example.com", shop.variantId, {
          "x-autopilot-storefront-secret": SECRET.replace(/.$/, "X"),
          "x-autopilot-client-ip": "198.51.100.1",
        })
        expect([res.status, res.data.type]).toEqual([401, "unauthorized"])
        expect(await subs()).toHaveLength(0)
      })
    })

    describe("limits", () => {
      it("counts only new subscriptions per email; a refused signup counts nothing", async () => {
        await setJobOptions({ email_limit: { max: 2, window_minutes: 60 } })
        const [v1, v2, v3] = variants
        expect((await signup("same@example.com", v1)).status).toBe(201)
        for (let i = 0; i < 4; i++) {
          expect((await signup("same@example.com", v1)).status).toBe(200)
        }
        // Not sold in this channel: refused, not counted.
        expect(
          (await signup("same@example.com", "variant_missing")).status
        ).toBe(404)
        expect((await signup("same@example.com", v2)).status).toBe(201)
        expectTooMany(
          await signup("same@example.com", v3),
          /^You've signed up for many items in a short time/
        )
        // Refusals took no point either: another address is untouched.
        expect((await signup("other@example.com", v3)).status).toBe(201)
      })

      it("caps confirmation messages per recipient: 429 past the cap, nothing sent", async () => {
        await setJobOptions({
          double_opt_in: true,
          confirmation_limit: { max: 2, window_minutes: 1440 },
        })
        const confirmations = async () =>
          (
            await container
              .resolve(Modules.NOTIFICATION)
              .listNotifications({ template: "autopilot.restock.confirm" })
          ).filter((n) => n.to === "victim@example.com")
        expect((await signup("victim@example.com", variants[0])).status).toBe(
          201
        )
        // A repeat sends nothing again and takes no point.
        expect((await signup("victim@example.com", variants[0])).status).toBe(
          200
        )
        expect((await signup("victim@example.com", variants[1])).status).toBe(
          201
        )
        expectTooMany(
          await signup("victim@example.com", variants[2]),
          /^We've already sent several confirmation emails to this address/
        )
        expect(await confirmations()).toHaveLength(2)
        expect(
          (await subs()).filter((s) => s.email === "victim@example.com")
        ).toHaveLength(2)
      })

      it("stops the whole shop at the per-shop ceiling", async () => {
        await setJobOptions({
          shop_limit: { max: 3, window_minutes: 1 },
          client_ip: { trusted_hops: 1 },
        })
        for (let i = 0; i < 3; i++) {
          const res = await signup(`s${i}@example.com`, shop.variantId, {
            "x-forwarded-for": `198.51.100.${i + 1}`,
          })
          expect(res.status).toBe(201)
        }
        const res = await signup("s9@example.com", shop.variantId, {
          "x-forwarded-for": "198.51.100.77",
        })
        expectTooMany(res, /^The shop is receiving too many sign-ups right now/)
        expect(Number(res.headers["retry-after"])).toBeLessThanOrEqual(60)
      })
    })

    describe("answers", () => {
      it("says whether the signup created the subscription", async () => {
        const first = await signup("ann@example.com")
        expect([first.status, first.data.created]).toEqual([201, true])
        expect(first.data.restock_subscription).toMatchObject({
          variant_id: shop.variantId,
          status: "active",
        })
        const again = await signup("ann@example.com")
        expect([again.status, again.data.created]).toEqual([200, false])
      })

      it.each([
        ["/store/restock-subscriptions"],
        ["/store/autopilot/confirm"],
        ["/store/autopilot/unsubscribe"],
      ])(
        "%s: 415 for a body that is not JSON, 400 for JSON that is not an object",
        async (path) => {
          const plain = await post(path, "variant_id=x", {
            "content-type": "text/plain",
          })
          expect(plain.status).toBe(415)
          expect(plain.data.message).toMatch(/application\/json/)
          const form = await post(path, "token=x", {
            "content-type": "application/x-www-form-urlencoded",
          })
          expect(form.status).toBe(415)
          for (const body of [
            "[1,2]",
            "[]",
            '[{"token":"x"}]',
            '"text"',
            "5",
            "null",
          ]) {
            const res = await post(path, body, {
              "content-type": "application/json",
            })
            expect([body, res.status]).toEqual([body, 400])
            expect(res.data.message).toBe(
              "Invalid request: expected a JSON object"
            )
          }
          expect(await subs()).toHaveLength(0)
        }
      )
    })
  },
})
