import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { maskSecret } from "../../src/runtime/secrets"
import { loadEffectiveSetting } from "../../src/runtime/settings"
import { createAdminUser } from "../helpers/admin"
import { setPluginOptions } from "../helpers/plugin-options"

jest.setTimeout(180_000)

/**
 * A secret shown masked in the admin and posted back as its mask keeps the
 * stored value. When the same request points the secret's object at another
 * host (a carrier's `base_url`, the stock feed's `url`), keeping it would
 * send the key there on the next run: the admin has to enter it again.
 */
const CARRIER_HOST = "https://carrier.example.com"
const FEED_URL = "https://feed.example.com/stock.csv"
const OTHER_HOST = "https://collector.example.net"
const AFTERSHIP_KEY = "as-live-key-000011112222"
const AFTERSHIP_WHSEC = "whsec-aftership-33334444"
const FEED_TOKEN = "feed-bearer-token-55556666"
const AGAIN = "enter the secret again for the new address"

setPluginOptions({
  jobs: {
    "shipment-tracking": {
      options: {
        providers: {
          aftership: {
            api_key: AFTERSHIP_KEY,
            webhook_secret: AFTERSHIP_WHSEC,
            base_url: CARRIER_HOST,
          },
          // No credentials: disabled, its address may change freely.
          easypost: { base_url: CARRIER_HOST },
        },
      },
    },
    "stock-feed-sync": {
      options: {
        url: FEED_URL,
        auth: { type: "bearer", token: FEED_TOKEN },
      },
    },
  },
})

type Answer = {
  status: number
  data: { type?: string; message?: string; job?: { options: Options } }
}
type Options = Record<string, unknown> & {
  providers?: Record<string, Record<string, unknown>>
  auth?: Record<string, unknown>
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let headers: Record<string, string>

    beforeEach(async () => {
      container = getContainer()
      headers = (await createAdminUser(container)).headers
    })

    const path = (job: string) => `/admin/autopilot/jobs/${job}`
    const shown = async (job: string): Promise<Options> =>
      (await api.get(path(job), { headers })).data.job.options
    const save = (job: string, options: Options): Promise<Answer> =>
      api
        .post(path(job), { options }, { headers })
        .catch((e: { response: Answer }) => e.response)
    const effective = async (job: "shipment-tracking" | "stock-feed-sync") =>
      (await loadEffectiveSetting(container, job)).options as Options

    describe("carrier providers", () => {
      const withAftership = (
        options: Options,
        aftership: Record<string, unknown>
      ): Options => ({
        ...options,
        providers: { ...options.providers, aftership },
      })

      it("refuses a new base_url with the key posted as its mask, naming the key", async () => {
        const options = await shown("shipment-tracking")
        const aftership = options.providers!.aftership
        expect(aftership).toMatchObject({
          api_key: maskSecret(AFTERSHIP_KEY),
          webhook_secret: maskSecret(AFTERSHIP_WHSEC),
          base_url: CARRIER_HOST,
        })

        const moved = await save(
          "shipment-tracking",
          withAftership(options, { ...aftership, base_url: OTHER_HOST })
        )
        expect(moved.status).toBe(400)
        expect(moved.data.type).toBe("invalid_data")
        expect(moved.data.message).toContain("providers.aftership.api_key")
        expect(moved.data.message).toContain(
          "providers.aftership.webhook_secret"
        )
        expect(moved.data.message).toContain(AGAIN)
        expect(moved.data.message).not.toContain(AFTERSHIP_KEY)

        // Leaving base_url out falls back to the provider's default host:
        // another address as well.
        const { base_url: _dropped, ...withoutUrl } = aftership
        const reset = await save(
          "shipment-tracking",
          withAftership(options, withoutUrl)
        )
        expect(reset.status).toBe(400)
        expect(reset.data.message).toContain("providers.aftership.api_key")
        expect(reset.data.message).toContain(AGAIN)

        // One masked secret is enough: a new key with the old webhook
        // secret's mask is refused too, naming only that one.
        const half = await save(
          "shipment-tracking",
          withAftership(options, {
            ...aftership,
            base_url: OTHER_HOST,
            api_key: "as-new-key-for-the-new-host",
          })
        )
        expect(half.status).toBe(400)
        expect(half.data.message).toContain(
          "providers.aftership.webhook_secret"
        )
        expect(half.data.message).not.toContain("providers.aftership.api_key")

        // Nothing changed: the key stays with its host.
        expect(
          (await effective("shipment-tracking")).providers!.aftership
        ).toMatchObject({
          api_key: AFTERSHIP_KEY,
          webhook_secret: AFTERSHIP_WHSEC,
          base_url: CARRIER_HOST,
        })
      })

      it("stores a new base_url together with the secrets entered again", async () => {
        const options = await shown("shipment-tracking")
        const res = await save(
          "shipment-tracking",
          withAftership(options, {
            ...options.providers!.aftership,
            base_url: OTHER_HOST,
            api_key: "as-key-for-the-other-host-7777",
            webhook_secret: "whsec-for-the-other-host-8888",
          })
        )
        expect(res.status).toBe(200)
        expect(
          (await effective("shipment-tracking")).providers!.aftership
        ).toMatchObject({
          api_key: "as-key-for-the-other-host-7777",
          webhook_secret: "whsec-for-the-other-host-8888",
          base_url: OTHER_HOST,
        })
      })

      it("keeps the secrets when the address stays, and moves a provider without secrets", async () => {
        const options = await shown("shipment-tracking")
        const kept = await save("shipment-tracking", {
          ...options,
          batch_size: 9,
        })
        expect(kept.status).toBe(200)

        const moved = await save("shipment-tracking", {
          ...options,
          providers: {
            ...options.providers,
            easypost: { ...options.providers!.easypost, base_url: OTHER_HOST },
          },
        })
        expect(moved.status).toBe(200)
        const after = await effective("shipment-tracking")
        expect(after.providers!.easypost).toMatchObject({
          base_url: OTHER_HOST,
        })
        expect(after.providers!.easypost.api_key).toBeUndefined()
        expect(after.providers!.aftership).toMatchObject({
          api_key: AFTERSHIP_KEY,
          webhook_secret: AFTERSHIP_WHSEC,
          base_url: CARRIER_HOST,
        })
      })
    })

    describe("stock feed", () => {
      it("refuses a new feed url with the token posted as its mask", async () => {
        const options = await shown("stock-feed-sync")
        expect(options).toMatchObject({
          url: FEED_URL,
          auth: { type: "bearer", token: maskSecret(FEED_TOKEN) },
        })

        const moved = await save("stock-feed-sync", {
          ...options,
          url: `${OTHER_HOST}/stock.csv`,
        })
        expect(moved.status).toBe(400)
        expect(moved.data.type).toBe("invalid_data")
        expect(moved.data.message).toContain("auth.token")
        expect(moved.data.message).toContain(AGAIN)
        expect(await effective("stock-feed-sync")).toMatchObject({
          url: FEED_URL,
          auth: { type: "bearer", token: FEED_TOKEN },
        })

        // Same url, mask posted back: the token is kept.
        const kept = await save("stock-feed-sync", {
          ...options,
          max_rows: 500,
        })
        expect(kept.status).toBe(200)
        expect(await effective("stock-feed-sync")).toMatchObject({
          url: FEED_URL,
          max_rows: 500,
          auth: { type: "bearer", token: FEED_TOKEN },
        })

        // New url with the token entered again.
        const again = await save("stock-feed-sync", {
          ...options,
          url: `${OTHER_HOST}/stock.csv`,
          auth: { type: "bearer", token: "token-for-the-other-host" },
        })
        expect(again.status).toBe(200)
        expect(await effective("stock-feed-sync")).toMatchObject({
          url: `${OTHER_HOST}/stock.csv`,
          auth: { type: "bearer", token: "token-for-the-other-host" },
        })
      })

      it("refuses a new feed url with a basic password posted as its mask", async () => {
        const password = "basic-password-99990000"
        const options = await shown("stock-feed-sync")
        const basic = await save("stock-feed-sync", {
          ...options,
          auth: { type: "basic", username: "shop", password },
        })
        expect(basic.status).toBe(200)
        const masked = await shown("stock-feed-sync")
        expect(masked.auth).toEqual({
          type: "basic",
          username: "shop",
          password: maskSecret(password),
        })

        const moved = await save("stock-feed-sync", {
          ...masked,
          url: `${OTHER_HOST}/stock.csv`,
        })
        expect(moved.status).toBe(400)
        expect(moved.data.message).toContain("auth.password")
        expect(moved.data.message).toContain(AGAIN)
        expect(await effective("stock-feed-sync")).toMatchObject({
          url: FEED_URL,
          auth: { type: "basic", username: "shop", password },
        })
      })
    })
  },
})
