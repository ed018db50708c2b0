import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { notifyMerchant } from "../../src/runtime/notify-merchant"
import { setPluginOptions } from "../helpers/plugin-options"

jest.setTimeout(120_000)

type Received = { path: string; body: Record<string, unknown> }

/** A webhook receiver: `/ok` answers 200, `/down` 500; keeps every POST. */
function receiver(): Promise<{ server: Server; url: string; got: Received[] }> {
  const got: Received[] = []
  const server = createServer((req, res) => {
    let raw = ""
    req.on("data", (d) => (raw += d))
    req.on("end", () => {
      got.push({ path: req.url ?? "", body: JSON.parse(raw || "{}") })
      res.statusCode = req.url === "/down" ? 500 : 200
      res.end("ok")
    })
  })
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        got,
      })
    )
  )
}

// The port is known only once the receiver listens: options are set in
// beforeAll of a describe that boots after it (see the runner's env below).
let hooks: Awaited<ReturnType<typeof receiver>>
const port = Number(process.env.AUTOPILOT_TEST_WEBHOOK_PORT || 47191)
setPluginOptions({
  // No merchantEmail: alerts go to the webhooks only.
  merchantWebhooks: [
    {
      url: `http://127.0.0.1:${port}/ok`,
      alerts: ["autopilot.merchant.job_paused"],
    },
    { url: `http://127.0.0.1:${port}/down` },
  ],
})

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    let container: MedusaContainer

    beforeAll(async () => {
      hooks = await receiver()
      // Re-listen on the fixed port the options name.
      await new Promise<void>((r) => hooks.server.close(() => r()))
      await new Promise<void>((r) => hooks.server.listen(port, "127.0.0.1", r))
    })

    afterAll(async () => {
      await new Promise<void>((r) => hooks.server.close(() => r()))
    })

    beforeEach(() => {
      container = getContainer()
      hooks.got.length = 0
    })

    const emails = async () =>
      container
        .resolve(Modules.NOTIFICATION)
        .listNotifications({}, { take: null })

    it("posts an alert to each webhook that wants it, once; a failing one costs only itself", async () => {
      const data = {
        subject: 'Autopilot switched off "Cart pruning"',
        job_name: "cart-pruning",
        job_title: "Cart pruning",
        failed_runs: 3,
        last_error: "boom",
        reason: "switched off after 3 failed runs in a row",
      }
      const first = await notifyMerchant(
        container,
        "autopilot.merchant.job_paused",
        "job-paused:cart-pruning:run1",
        data
      )
      // /down answered 500: the alert counts as failed (webhooks only).
      expect(first).toMatchObject({ status: "failed" })
      expect((first as { reason: string }).reason).toMatch(
        /webhook at 127\.0\.0\.1:\d+ failed: HTTP 500/
      )
      expect(hooks.got.map((g) => g.path).sort()).toEqual(["/down", "/ok"])
      const ok = hooks.got.find((g) => g.path === "/ok")!
      // Slack shows `text`; other receivers read `alert` and `data`.
      expect(ok.body.alert).toBe("autopilot.merchant.job_paused")
      expect(ok.body.data).toMatchObject({ job_name: "cart-pruning" })
      expect(String(ok.body.text)).toMatch(/Cart pruning/)
      expect(String(ok.body.text)).not.toMatch(/<[a-z]/i)

      // The same alert again: /ok had it already, /down is tried again.
      hooks.got.length = 0
      await notifyMerchant(
        container,
        "autopilot.merchant.job_paused",
        "job-paused:cart-pruning:run1",
        data
      )
      expect(hooks.got.map((g) => g.path)).toEqual(["/down"])
      // No email without merchantEmail.
      expect(await emails()).toHaveLength(0)
    })

    it("sends an alert only to the webhooks whose list names it", async () => {
      await notifyMerchant(
        container,
        "autopilot.merchant.job_stale",
        "job-stale:cart-pruning:1",
        { subject: "Cart pruning is late", job_name: "cart-pruning" }
      )
      expect(hooks.got.map((g) => g.path)).toEqual(["/down"])
    })
  },
})
