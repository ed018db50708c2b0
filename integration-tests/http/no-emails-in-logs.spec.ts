import "../helpers/tick-env"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createCartWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { JOB_NAMES } from "../../src/catalog/jobs"
import { ManualClock, resetClock, setClock } from "../../src/runtime/clock"
import { autopilotService } from "../../src/runtime/settings"
import {
  type FakePaymentProvider,
  startFakePaymentProvider,
} from "../../fakes/payment-provider"
import { createAdminUser } from "../helpers/admin"
import { setPluginOptions } from "../helpers/plugin-options"
import { publicRoutes } from "../helpers/public-routes"
import { runJob } from "../helpers/run-job"
import { shipOrder } from "../helpers/ship-order"
import {
  cartAtPayment,
  createShopFixture,
  setStock,
  type ShopFixture,
} from "../helpers/shop-fixture"
import { RELAXED_SIGNUP_LIMITS, storefrontHeaders } from "../helpers/store"
import { waitFor } from "../helpers/wait"

jest.setTimeout(300_000)

setPluginOptions({
  merchantEmail: "merchant@example.com",
  jobs: {
    "restock-alerts": {
      options: { ...RELAXED_SIGNUP_LIMITS, double_opt_in: true },
    },
    // Asks the sandbox provider (a local fake PSP), so a paid cart is
    // completed in this run.
    "payment-recovery": {
      options: { providers: ["pp_autopilot-sandbox*"], min_age_minutes: 0 },
    },
    // The sandbox carrier follows every parcel: no carrier to fake.
    "shipment-tracking": {
      options: {
        providers: { sandbox: { enabled: true } },
        default_provider: "sandbox",
      },
    },
  },
})

let psp: FakePaymentProvider
// Before the app boots: the sandbox provider is registered with this URL.
beforeAll(async () => {
  psp = await startFakePaymentProvider()
  process.env.AUTOPILOT_SANDBOX_PSP_URL = psp.url
})
afterAll(async () => {
  delete process.env.AUTOPILOT_SANDBOX_PSP_URL
  await psp?.close()
})

const HOUR = 3_600_000
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/

/**
 * Medusa's `notification-local` provider exists to print each message,
 * recipient included, during development; a shop sends through a real
 * provider. Its lines are the shop's choice of provider, not the plugin's.
 */
const LOCAL_PROVIDER_LINE = /Attempting to send a notification to: /

const LOGGER_METHODS = [
  "debug",
  "info",
  "warn",
  "error",
  "log",
  "activity",
  "progress",
  "success",
  "failure",
  "panic",
] as const

/**
 * Everything written to the logs while `fn` runs: through Medusa's logger
 * (the container's instance every part of Medusa and the plugin uses), the
 * console, and the process's stdout and stderr underneath them.
 */
async function captureLogs(
  container: MedusaContainer,
  fn: () => Promise<void>
): Promise<string[]> {
  const lines: string[] = []
  const keep = (args: unknown[]) =>
    lines.push(
      args
        .map((a) =>
          a instanceof Error
            ? `${a.message}\n${a.stack}`
            : typeof a === "string"
              ? a
              : JSON.stringify(a)
        )
        .join(" ")
    )
  const logger = container.resolve(
    ContainerRegistrationKeys.LOGGER
  ) as unknown as Record<string, (...args: unknown[]) => unknown>
  const restore: (() => void)[] = []
  for (const name of LOGGER_METHODS) {
    const original = logger[name]
    if (typeof original !== "function") continue
    logger[name] = (...args: unknown[]) => {
      keep(args)
      return original.apply(logger, args)
    }
    restore.push(() => (logger[name] = original))
  }
  for (const name of ["log", "info", "warn", "error", "debug"] as const) {
    const spy = jest.spyOn(console, name).mockImplementation((...args) => {
      keep(args)
    })
    restore.push(() => spy.mockRestore())
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream)
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep([String(chunk)])
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest)
    }) as typeof stream.write
    restore.push(() => (stream.write = original as typeof stream.write))
  }
  try {
    await fn()
  } finally {
    restore.reverse().forEach((r) => r())
  }
  return lines
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let shop: ShopFixture
    let storeHeaders: Record<string, string>

    beforeAll(async () => {
      const c = getContainer()
      shop = await createShopFixture(c, 0) // sold out
      storeHeaders = await storefrontHeaders(c, shop.salesChannelId)
    })

    beforeEach(() => {
      container = getContainer()
    })

    const post = (url: string, body: unknown, headers = storeHeaders) =>
      api
        .post(url, body, { headers })
        .catch((e: { response: unknown }) => e.response)

    it("no email address reaches the logs from any store route, job or privacy request", async () => {
      const emails = [
        "leak.one@example.com",
        "Leak.Two@Example.org",
        "leak.three@example.net",
        "leak.four@example.net",
      ]
      const { headers: adminHeaders } = await createAdminUser(container)

      const lines = await captureLogs(container, async () => {
        // Every store route, with emails where a caller can put them.
        for (const route of publicRoutes().filter(
          (r) => r.namespace === "store"
        )) {
          for (const body of [
            { variant_id: shop.variantId, email: emails[0] },
            { variant_id: shop.variantId, email: emails[1], locale: "de-DE" },
            { email: `not an email ${emails[0]}` },
            { token: emails[0] },
            { [emails[1]]: emails[0] },
            { token: "x".repeat(43), note: emails[1] },
          ]) {
            await post(route.matcher, body)
          }
        }
        const [sub] = await autopilotService(
          container
        ).listRestockSubscriptions({ email: emails[0] })
        expect(sub).toBeDefined()
        // As if confirmed: only waiting shoppers queue their variant.
        await autopilotService(container).updateRestockSubscriptions({
          id: sub.id,
          status: "active",
        })

        // A shopper paid at the provider and never came back; stock returns.
        await setStock(container, shop, 3)
        const { session } = await cartAtPayment(container, shop, {
          email: emails[1].toLowerCase(),
        })
        psp.setStatus(session.data!.id as string, "paid")
        await waitFor(
          () =>
            autopilotService(container).listRestockQueues({
              variant_id: shop.variantId,
            }),
          (q) => q.length > 0,
          { what: "the variant to be queued" }
        )

        // A cart left with an item and an email, for the reminders…
        const { result: cart } = await createCartWorkflow(container).run({
          input: {
            region_id: shop.regionId,
            sales_channel_id: shop.salesChannelId,
            email: emails[2],
            currency_code: "eur",
            items: [{ variant_id: shop.variantId, quantity: 1 }],
          },
        })
        await waitFor(
          () =>
            autopilotService(container).listCartActivities({
              cart_id: cart.id,
            }),
          (rows) => rows.length > 0,
          { what: "the cart's activity row" }
        )
        // …and an order shipped, for the tracking (its "shipped" message
        // goes out as it ships).
        await shipOrder(container, shop, ["SBX-LOG-1"], { email: emails[3] })
        await waitFor(
          () =>
            autopilotService(container).listTrackedShipments({
              tracking_number: "SBX-LOG-1",
            }),
          (rows) => rows.length === 1 && !rows[0].notify_pending,
          { what: "the shipment to be followed" }
        )

        // Every job, past the first reminder's inactivity (payment
        // recovery waits min_age too); then the sandbox parcel moves one
        // status per run, each after its quiet hours.
        const clock = new ManualClock(new Date(Date.now() + 2 * HOUR))
        setClock(clock)
        try {
          for (const name of JOB_NAMES) await runJob(container, name)
          for (let i = 0; i < 6; i++) {
            clock.advance(25 * HOUR)
            await runJob(container, "shipment-tracking")
          }
        } finally {
          resetClock()
        }

        // The admin's searches by email: the filters go in a POST body.
        const leads = await api.post(
          "/admin/autopilot/leads/search",
          { q: emails[2], limit: 5 },
          { headers: adminHeaders }
        )
        expect(leads.data.leads.map((l: { email: string }) => l.email)).toEqual(
          [emails[2]]
        )
        const csv = await api.post(
          "/admin/autopilot/leads/search",
          { q: emails[2], format: "csv" },
          { headers: adminHeaders }
        )
        expect(csv.headers["content-type"]).toMatch(/text\/csv/)
        expect(csv.data).toContain(emails[2])
        const signups = await api.post(
          "/admin/autopilot/restock-subscriptions/search",
          { q: emails[0].toUpperCase() },
          { headers: adminHeaders }
        )
        expect(
          signups.data.restock_subscriptions.map(
            (r: { email: string }) => r.email
          )
        ).toEqual([emails[0]])
        const bad = await api
          .post(
            "/admin/autopilot/leads/search",
            { q: emails[2], limit: "lots" },
            { headers: adminHeaders }
          )
          .catch((e: { response: { status: number } }) => e.response)
        expect(bad.status).toBe(400)

        // The privacy routes, the bad requests included: the POST forms…
        for (const email of emails) {
          for (const action of ["export", "erase"]) {
            await api.post(
              `/admin/autopilot/people/${action}`,
              { email },
              { headers: adminHeaders }
            )
            await api
              .post(
                `/admin/autopilot/people/${action}`,
                { email, [email]: 1 },
                { headers: adminHeaders }
              )
              .catch((e: { response: unknown }) => e.response)
          }
        }
        // …and the deprecated GET and DELETE forms.
        for (const email of emails) {
          await api.get(`/admin/autopilot/people?email=${email}`, {
            headers: adminHeaders,
          })
          await api
            .get(`/admin/autopilot/people?email=${email}&${email}=1`, {
              headers: adminHeaders,
            })
            .catch((e: { response: unknown }) => e.response)
          await api.delete(`/admin/autopilot/people?email=${email}`, {
            headers: adminHeaders,
          })
        }
      })

      // The capture sees addresses when something does log them: the
      // local provider's lines (left out below) carry the recipients.
      expect(
        lines.some((l) => LOCAL_PROVIDER_LINE.test(l) && EMAIL.test(l))
      ).toBe(true)
      const notifications = await container
        .resolve("notification")
        .listNotifications({})
      expect(
        notifications.map((n: { template: string }) => n.template)
      ).toEqual(
        expect.arrayContaining([
          "autopilot.restock.confirm",
          "autopilot.restock.available",
          "autopilot.cart.reminder",
          "autopilot.shipment.shipped",
          "autopilot.shipment.delivered",
        ])
      )

      const leaks = lines
        .filter((l) => !LOCAL_PROVIDER_LINE.test(l))
        .filter(
          (l) =>
            EMAIL.test(l) ||
            emails.some((e) => l.toLowerCase().includes(e.toLowerCase()))
        )
      expect(leaks).toEqual([])
    })
  },
})
