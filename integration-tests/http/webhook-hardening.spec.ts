import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ManualClock, resetClock, setClock } from "../../src/runtime/clock"
import { maskSecret } from "../../src/runtime/secrets"
import { autopilotService } from "../../src/runtime/settings"
import { loadTrackingOptions } from "../../src/features/shipment-tracking/options"
import {
  carrierWebhook,
  type FakeCarriers,
  type ScriptedEvent,
  signCarrierWebhook,
  startFakeCarriers,
} from "../../fakes/carriers"
import { createAdminUser } from "../helpers/admin"
import { adminRoutes } from "../helpers/admin-routes"
import { setPluginOptions } from "../helpers/plugin-options"
import { rowCounts } from "../helpers/plugin-tables"
import { runJob } from "../helpers/run-job"
import { shipOrder } from "../helpers/ship-order"
import { createShopFixture, type ShopFixture } from "../helpers/shop-fixture"
import { waitFor } from "../helpers/wait"

jest.setTimeout(240_000)

const HOUR = 3_600_000
const ONE_MB = 1024 * 1024
const apiKey = (secret: string) => `key-${secret}`

/** Every carrier that pushes webhooks, with its own secret and numbers. */
const CARRIERS = [
  { provider: "aftership", prefix: "AS", secret: "whsec_aftership_test" },
  { provider: "easypost", prefix: "EP", secret: "whsec_easypost_test" },
  { provider: "shippo", prefix: "SH", secret: "shippo_url_token_test" },
  { provider: "17track", prefix: "ST", secret: "seventeen_secret_test" },
] as const

let fake: FakeCarriers
beforeAll(async () => {
  fake = await startFakeCarriers()
  const provider = (secret: string) => ({
    api_key: apiKey(secret),
    webhook_secret: secret,
    base_url: fake.url,
    rate_limit_per_second: 50,
  })
  setPluginOptions({
    jobs: {
      "shipment-tracking": {
        options: {
          providers: {
            aftership: provider(CARRIERS[0].secret),
            easypost: provider(CARRIERS[1].secret),
            shippo: provider(CARRIERS[2].secret),
            "17track": provider(CARRIERS[3].secret),
            // Off: its webhook path must refuse too.
            sandbox: { enabled: false },
          },
          routing: CARRIERS.map((c) => ({
            provider: c.provider,
            tracking_number_pattern: `^${c.prefix}-`,
            ...(c.provider === "shippo" ? { carrier: "usps" } : {}),
          })),
        },
      },
    },
  })
})
afterAll(() => fake?.close())

type Hook = {
  body: string
  headers: Record<string, string>
  query: Record<string, string>
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let container: MedusaContainer
    let shop: ShopFixture
    let clock: ManualClock

    beforeAll(async () => {
      shop = await createShopFixture(getContainer(), 50)
    })
    beforeEach(() => {
      container = getContainer()
      clock = new ManualClock(new Date())
      setClock(clock)
    })
    afterEach(() => resetClock())

    const iso = (msFromNow: number) =>
      new Date(clock.now().getTime() + msFromNow).toISOString()

    const shipmentOf = async (number: string) =>
      (
        await autopilotService(container).listTrackedShipments(
          { tracking_number: number },
          { take: 1 }
        )
      )[0]

    /** A paid order shipped with one label, followed by the plugin. */
    const shipParcel = async (number: string) => {
      await shipOrder(container, shop, [number])
      return waitFor(
        () => shipmentOf(number),
        (s) => !!s && !s.notify_pending,
        { what: `tracked shipment ${number}` }
      )
    }

    const post = (path: string, hook: Hook) =>
      api
        .post(`/hooks/autopilot/tracking/${path}`, hook.body, {
          headers: hook.headers,
          params: hook.query,
          transformRequest: [(d: unknown) => d],
          maxBodyLength: Infinity,
          maxContentLength: Infinity,
        })
        .catch(
          (e: { response: { status: number; data: unknown } }) => e.response
        )

    /** What a webhook could change: row counts (plugin tables and Medusa's notifications) and the shipment. */
    const state = async (number: string) => {
      const s = await shipmentOf(number)
      return {
        counts: await rowCounts(dbConnection),
        shipment: {
          status: s.status,
          progress_status: s.progress_status,
          last_event_at: s.last_event_at ?? null,
          notified: s.notified ?? null,
          updated_at: s.updated_at,
        },
      }
    }

    it.each(CARRIERS.map((c) => [c.provider, c]))(
      "%s: forged, unsigned, misdirected, replayed, older and oversized webhooks change nothing",
      async (_name, carrier) => {
        const { provider, prefix, secret } = carrier
        const number = `${prefix}-100`
        await shipParcel(number)
        const delivered: ScriptedEvent[] = [
          { status: "in_transit", at: iso(-3 * HOUR) },
          { status: "delivered", at: iso(-HOUR) },
        ]
        const genuine = carrierWebhook(provider, secret, number, delivered)
        const before = await state(number)
        expect(before.shipment.status).toBe("pending")

        // Forged: signed (or tokened) with another secret.
        const forged = await post(
          provider,
          carrierWebhook(provider, "not-the-secret", number, delivered)
        )
        expect(forged.status).toBe(401)
        expect(forged.data).toMatchObject({ message: expect.any(String) })

        // Missing: the genuine body without its signature or token.
        const unsigned = await post(provider, {
          body: genuine.body,
          headers: { "content-type": "application/json" },
          query: {},
        })
        expect(unsigned.status).toBe(401)

        // Tampered: the genuine signature over a changed body. (Shippo's URL
        // token signs nothing; its HMAC form has its own test below.)
        if (provider !== "shippo") {
          const tampered = await post(provider, {
            ...genuine,
            body: genuine.body.replace(number, `${prefix}-101`),
          })
          expect(tampered.status).toBe(401)
        }

        // The right signature, the wrong provider in the path: every other
        // carrier refuses it, the switched-off sandbox too, and an unknown
        // provider is a 404.
        for (const other of CARRIERS.filter((c) => c.provider !== provider)) {
          expect((await post(other.provider, genuine)).status).toBe(401)
        }
        expect((await post("sandbox", genuine)).status).toBe(401)
        expect((await post("nosuchcarrier", genuine)).status).toBe(404)

        // Oversized: a correctly signed body over the route's 1mb limit.
        const padded = JSON.stringify({
          ...JSON.parse(genuine.body),
          padding: "x".repeat(ONE_MB + 1024),
        })
        const big = signCarrierWebhook(provider, secret, padded)
        const oversized = await post(provider, {
          body: padded,
          headers: { "content-type": "application/json", ...big.headers },
          query: big.query,
        })
        expect(oversized.status).toBe(413)

        expect(await state(number)).toEqual(before)

        // The genuine webhook applies once...
        const applied = await post(provider, genuine)
        expect(applied.status).toBe(200)
        expect(applied.data).toMatchObject({ received: 1, applied: 1 })
        const after = await state(number)
        expect(after.shipment.status).toBe("delivered")

        // ...and replaying it, byte for byte, changes nothing.
        const replayed = await post(provider, genuine)
        expect(replayed.status).toBe(200)
        expect(replayed.data).toMatchObject({ applied: 0, ignored: 1 })
        expect(await state(number)).toEqual(after)

        // The same checkpoints sent again as a new delivery (a new event
        // id, freshly signed) change nothing either.
        const resent = await post(
          provider,
          carrierWebhook(provider, secret, number, delivered)
        )
        expect(resent.status).toBe(200)
        expect(resent.data).toMatchObject({ applied: 0, ignored: 1 })
        expect(await state(number)).toEqual(after)

        // A correctly signed event older than the current status never moves
        // the delivered parcel back nor tells anyone; the route keeps the
        // late checkpoint in the parcel's history, and nothing else.
        const older = await post(
          provider,
          carrierWebhook(provider, secret, number, [
            { status: "in_transit", at: iso(-3 * HOUR) },
            { status: "out_for_delivery", at: iso(-2 * HOUR) },
          ])
        )
        expect(older.status).toBe(200)
        expect(older.data).toMatchObject({ applied: 0 })
        expect(await state(number)).toEqual({
          ...after,
          counts: {
            ...after.counts,
            autopilot_shipment_event: after.counts.autopilot_shipment_event + 1,
          },
        })
      }
    )

    it("shippo: the Shippo-Auth-Signature HMAC is verified over the raw body, no token in the URL", async () => {
      const secret = CARRIERS[2].secret
      const number = "SH-300"
      await shipParcel(number)
      const delivered: ScriptedEvent[] = [
        { status: "in_transit", at: iso(-3 * HOUR) },
        { status: "delivered", at: iso(-HOUR) },
      ]
      const seconds = Math.floor(clock.now().getTime() / 1000)
      const signed = (key: string, timestamp = seconds) =>
        carrierWebhook("shippo", key, number, delivered, {
          shippo: "hmac",
          timestamp,
        })
      const genuine = signed(secret)
      expect(genuine.query).toEqual({})
      const before = await state(number)

      // Another key, the right token beside it: the header alone decides.
      const forged = signed("not-the-secret")
      expect(
        (await post("shippo", { ...forged, query: { token: secret } })).status
      ).toBe(401)
      // The genuine signature over a changed body.
      expect(
        (
          await post("shippo", {
            ...genuine,
            body: genuine.body.replace(number, "SH-301"),
          })
        ).status
      ).toBe(401)
      // Signed six minutes ago: a replay past the tolerance.
      expect((await post("shippo", signed(secret, seconds - 360))).status).toBe(
        401
      )
      expect(await state(number)).toEqual(before)

      const applied = await post("shippo", genuine)
      expect(applied.status).toBe(200)
      expect(applied.data).toMatchObject({ received: 1, applied: 1 })
      expect((await shipmentOf(number)).status).toBe("delivered")
    })

    it("never shows carrier credentials in an admin answer; posting the masked form back keeps them", async () => {
      const { headers } = await createAdminUser(container)
      const secrets = CARRIERS.flatMap((c) => [c.secret, apiKey(c.secret)])
      const leaks = (data: unknown) => {
        const text = JSON.stringify(data)
        return secrets.filter((s) => text.includes(s))
      }
      const admin = (method: string, url: string, data?: unknown) =>
        api
          .request({ method, url, data, headers })
          .catch(
            (e: { response: { status: number; data: unknown } }) => e.response
          )

      await shipParcel("AS-200")
      // A run recorded too, so run views are among the answers checked.
      await runJob(container, "shipment-tracking")
      const path = "/admin/autopilot/jobs/shipment-tracking"
      const { data: shown } = await admin("GET", path)
      const options = shown.job.options
      expect(options.providers.aftership).toMatchObject({
        api_key: maskSecret(apiKey(CARRIERS[0].secret)),
        webhook_secret: maskSecret(CARRIERS[0].secret),
      })
      expect(options.providers.shippo.webhook_secret).toMatch(/^••••/)

      // The options form posts everything back, masks included.
      const saved = await admin("POST", path, {
        options: { ...options, batch_size: 7 },
      })
      expect(saved.status).toBe(200)
      expect(leaks(saved.data)).toEqual([])
      expect(saved.data.job.options.batch_size).toBe(7)
      const effective = await loadTrackingOptions(container)
      expect(effective.batch_size).toBe(7)
      for (const c of CARRIERS) {
        const p = c.provider as "aftership" | "easypost" | "shippo" | "17track"
        expect(effective.providers[p]).toMatchObject({
          api_key: apiKey(c.secret),
          webhook_secret: c.secret,
        })
      }
      // ...and the real secret still verifies webhooks.
      const res = await post(
        "aftership",
        carrierWebhook("aftership", CARRIERS[0].secret, "AS-200", [
          { status: "in_transit", at: iso(-HOUR) },
        ])
      )
      expect(res.status).toBe(200)
      expect(res.data).toMatchObject({ applied: 1 })

      // A mask that is not the current secret's cannot be stored.
      const wrong = await admin("POST", path, {
        options: {
          ...options,
          providers: {
            ...options.providers,
            easypost: { ...options.providers.easypost, api_key: "••••nope" },
          },
        },
      })
      expect(wrong.status).toBe(400)
      expect(JSON.stringify(wrong.data)).toContain(
        "options.providers.easypost.api_key"
      )
      expect(
        (await loadTrackingOptions(container)).providers.easypost
      ).toMatchObject({ api_key: apiKey(CARRIERS[1].secret) })

      const gets = adminRoutes().filter((r) => r.method === "GET")
      expect(gets.length).toBeGreaterThan(5)
      for (const route of gets) {
        const url = `/admin/${route.pattern}`
          .replace("[name]", "shipment-tracking")
          .replace(/\[[^\]]+\]/g, "anything")
        const answer = await admin("GET", url)
        expect({ url, leaks: leaks(answer.data) }).toEqual({ url, leaks: [] })
      }
      const { data: changes } = await admin("GET", `${path}/changes`)
      expect(changes.changes.length).toBeGreaterThan(0)
      expect(JSON.stringify(changes)).toContain("••••")
    })
  },
})
