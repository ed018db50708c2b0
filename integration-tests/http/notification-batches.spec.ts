import "../helpers/tick-env"
import { mkdtempSync, rmSync } from "node:fs"
import os from "node:os"
import path from "node:path"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { queueRestockCheck } from "../../src/features/restock-alerts/queue"
import { ManualClock, resetClock, setClock } from "../../src/runtime/clock"
import { sendNotifications } from "../../src/runtime/notifier"
import { autopilotService } from "../../src/runtime/settings"
import { setPluginOptions } from "../helpers/plugin-options"
import { runJob } from "../helpers/run-job"
import {
  createShopFixture,
  setStock,
  type ShopFixture,
} from "../helpers/shop-fixture"

/**
 * Notifications in batches against a real provider (the outbox, writing
 * each send to a folder) that takes DELAY_MS per send and refuses the
 * first send to one address: one failed recipient costs only itself and
 * is retried with back-off; a sent one is never sent again; a slow
 * provider's sends overlap within a batch.
 */
const OUTBOX = mkdtempSync(path.join(os.tmpdir(), "autopilot-batches-"))
const DELAY_MS = 400
const FAILING = "refused@example.com"
process.env.AUTOPILOT_OUTBOX_DIR = OUTBOX
process.env.AUTOPILOT_OUTBOX_DELAY_MS = String(DELAY_MS)
process.env.AUTOPILOT_OUTBOX_FAIL_TO = FAILING
process.env.AUTOPILOT_OUTBOX_FAIL_TIMES = "1"
afterAll(() => {
  delete process.env.AUTOPILOT_OUTBOX_DIR
  delete process.env.AUTOPILOT_OUTBOX_DELAY_MS
  delete process.env.AUTOPILOT_OUTBOX_FAIL_TO
  delete process.env.AUTOPILOT_OUTBOX_FAIL_TIMES
  rmSync(OUTBOX, { recursive: true, force: true })
})

jest.setTimeout(180_000)

const BATCH = 10
setPluginOptions({
  storefrontUrl: "https://shop.example.com",
  notificationBatchSize: BATCH,
})

const TEMPLATE = "autopilot.restock.available"

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    let container: MedusaContainer
    let shop: ShopFixture

    beforeAll(async () => {
      shop = await createShopFixture(getContainer(), 0)
    })

    beforeEach(() => {
      container = getContainer()
    })

    afterEach(() => resetClock())

    const subscribe = async (emails: string[]) => {
      const service = autopilotService(container)
      // Unsubscribe whoever an earlier test left waiting.
      const left = await service.listRestockSubscriptions(
        { status: "active" },
        { select: ["id"], take: null }
      )
      if (left.length) {
        await service.updateRestockSubscriptions(
          left.map((s) => ({ id: s.id, status: "unsubscribed" as const }))
        )
      }
      const since = Date.now() - 60_000
      return service.createRestockSubscriptions(
        emails.map((email, i) => ({
          variant_id: shop.variantId,
          sales_channel_id: shop.salesChannelId,
          email,
          status: "active" as const,
          active_since: new Date(since + i),
        }))
      )
    }
    const notifications = async (emails: string[]) =>
      (
        await container
          .resolve(Modules.NOTIFICATION)
          .listNotifications({ to: emails, template: TEMPLATE } as never, {
            take: null,
          })
      ).map((n) => ({
        to: n.to,
        status: n.status,
        key: (n as { idempotency_key?: string }).idempotency_key ?? "",
      }))
    const restock = async (units: number) => {
      await setStock(container, shop, units)
      await queueRestockCheck(container, [shop.variantId], "test")
    }

    it("one refused recipient in a batch costs only itself and is retried with back-off", async () => {
      const clock = new ManualClock(new Date())
      setClock(clock)
      const emails = Array.from({ length: 6 }, (_, i) =>
        i === 2 ? FAILING : `batch${i}@example.com`
      )
      const subs = await subscribe(emails)
      await restock(10)

      const first = await runJob(container, "restock-alerts")
      expect(first.status).toBe("succeeded")
      expect(first.counters).toMatchObject({ failed: 1 })
      expect(first.failures.items).toEqual([
        {
          item_id: subs[2].id,
          reason: expect.stringContaining(`outbox: refused ${FAILING}`),
        },
      ])
      const after = await autopilotService(container).listRestockSubscriptions(
        { id: subs.map((s) => s.id) },
        { take: null }
      )
      const status = new Map(after.map((s) => [s.email, s.status]))
      expect(emails.map((e) => status.get(e))).toEqual(
        emails.map((e) => (e === FAILING ? "active" : "notified"))
      )
      // The failed item backs off: retried only after the first delay.
      const [retry] = await autopilotService(container).listItemRetries({
        job_name: "restock-alerts",
        item_id: subs[2].id,
      })
      expect(retry).toBeDefined()
      expect(new Date(retry.next_attempt_at!).getTime()).toBeGreaterThan(
        clock.now().getTime()
      )

      await restock(10)
      const early = await runJob(container, "restock-alerts")
      expect(early.counters).toMatchObject({ failed: 0 })
      expect(
        (await notifications([FAILING])).filter((n) => n.status === "success")
      ).toHaveLength(0)

      clock.advance(10 * 60_000)
      await restock(10)
      const second = await runJob(container, "restock-alerts")
      expect(second.status).toBe("succeeded")
      expect(second.counters).toMatchObject({ failed: 0 })

      // Everyone alerted once; the refused send keeps its failed row
      // under its own key beside the one that went through.
      const rows = await notifications(emails)
      const success = rows.filter((r) => r.status === "success")
      expect(success.map((r) => r.to).sort()).toEqual([...emails].sort())
      const failed = rows.filter((r) => r.status === "failure")
      expect(failed).toEqual([
        {
          to: FAILING,
          status: "failure",
          key: expect.stringMatching(/^restock-alert:.*:failed:noti_/),
        },
      ])
      expect(rows.filter((r) => r.status === "pending")).toEqual([])
      const notified = await autopilotService(
        container
      ).listRestockSubscriptions(
        { id: subs.map((s) => s.id), status: "notified" },
        { take: null }
      )
      expect(notified).toHaveLength(emails.length)
      // Nothing pending in the plugin's own bookkeeping either.
      expect(
        await autopilotService(container).listNotificationSends({
          status: "sending",
        })
      ).toEqual([])
    })

    it("a slow provider's sends overlap: far below one send after the other", async () => {
      const emails = Array.from(
        { length: 2 * BATCH },
        (_, i) => `slow${i}@example.com`
      )
      await subscribe(emails)
      await restock(100)
      const started = Date.now()
      const run = await runJob(container, "restock-alerts")
      const took = Date.now() - started
      expect(run.status).toBe("succeeded")
      const rows = await notifications(emails)
      expect(rows.filter((r) => r.status === "success")).toHaveLength(
        emails.length
      )
      // Two batches of BATCH, each as slow as one send: at least two
      // sends' time, far below one after the other.
      const sequential = emails.length * DELAY_MS
      console.log(
        `[batches] ${emails.length} sends at ${DELAY_MS} ms each: ${took} ms (one after the other: ${sequential} ms)`
      )
      expect(took).toBeGreaterThanOrEqual(2 * DELAY_MS)
      expect(took).toBeLessThan(sequential / 2)
    })

    it("one outcome per input, in order: a held key is already sent, a repeated key is sent once", async () => {
      const options = await autopilotService(container).getOptions()
      const input = (to: string, key: string) => ({
        name: "autopilot.restock.available" as const,
        to,
        data: { product_title: "Shirt" },
        idempotencyKey: key,
        itemId: key,
      })
      const first = await sendNotifications(container, options, [
        input("direct1@example.com", "direct-1"),
        input("direct2@example.com", "direct-2"),
      ])
      expect(first.map((o) => o.status)).toEqual(["sent", "sent"])
      const again = await sendNotifications(
        container,
        options,
        [
          input("direct1@example.com", "direct-1"),
          input("direct3@example.com", "direct-3"),
          input("direct3@example.com", "direct-3"),
        ],
        {},
        { batchSize: 1 }
      )
      expect(again.map((o) => o.status)).toEqual([
        "already_sent",
        "sent",
        "sent",
      ])
      const rows = await notifications([
        "direct1@example.com",
        "direct2@example.com",
        "direct3@example.com",
      ])
      expect(rows).toHaveLength(3)
    })
  },
})
