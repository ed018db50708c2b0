import { spawn, type ChildProcess } from "node:child_process"
import { readFileSync } from "node:fs"
import { mkdir, writeFile } from "node:fs/promises"
import net from "node:net"
import path from "node:path"
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
} from "@medusajs/medusa/core-flows"
import autocannon from "autocannon"
import { createShopFixture } from "../integration-tests/helpers/shop-fixture"
import { logger, positiveInt } from "./lib/common"

/**
 * Benchmark: the store's back-in-stock signup route under load, next to
 * Medusa's own `GET /store/products/:id` on the same server.
 *
 * Seeds one sold-out product in a sales channel with a publishable key, starts
 * a real Medusa server (`medusa start`, admin disabled) on the bench database
 * and drives it with autocannon: first the product route, then
 * `POST /store/restock-subscriptions` with a new email address per request
 * (each request creates a subscription: the route's full path, not its
 * "already subscribed" shortcut). The signup rate limits are raised for the
 * bench so every request is served; everything else is the default.
 *
 * Env: BENCH_DURATION_SECONDS (20 per route), BENCH_CONNECTIONS (10).
 */

const DURATION = positiveInt("BENCH_DURATION_SECONDS", 20)
const CONNECTIONS = positiveInt("BENCH_CONNECTIONS", 10)
const WARMUP_SECONDS = 3
const OUT_FILE = path.join(process.cwd(), "bench", "out", "store-signup.md")
const MEDUSA_CLI = path.join(
  process.cwd(),
  "node_modules",
  "@medusajs",
  "cli",
  "cli.js"
)
const log = logger("store-signup")

type Measure = {
  route: string
  requests: number
  rps: number
  p50: number
  p99: number
  non2xx: number
  errors: number
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/** Resident memory of a process in MB, from /proc (Linux); 0 elsewhere. */
function rssOf(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8")
    const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
    return kb / 1024
  } catch {
    return 0
  }
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 180_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`medusa start exited with ${child.exitCode}`)
    }
    const ok = await fetch(`${url}/health`)
      .then((r) => r.ok)
      .catch(() => false)
    if (ok) return
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error("the server did not answer /health within 180 s")
}

function startServer(port: number): ChildProcess {
  const options = {
    jobs: {
      "restock-alerts": {
        options: {
          ip_limit: { max: 1_000_000_000, window_minutes: 1 },
          email_limit: { max: 1_000_000_000, window_minutes: 1 },
          shop_limit: { max: 1_000_000_000, window_minutes: 1 },
        },
      },
    },
  }
  return spawn(process.execPath, [MEDUSA_CLI, "start"], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      PORT: String(port),
      MEDUSA_ADMIN_DISABLED: "true",
      AUTOPILOT_OPTIONS: JSON.stringify(options),
      LOG_LEVEL: "error",
    },
    // Its errors are printed only when it fails to start: requests still in
    // flight when it is stopped at the end log noise that is not a result.
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  })
}

async function load(
  route: string,
  opts: autocannon.Options,
  duration: number
): Promise<Measure> {
  const result = await autocannon({
    connections: CONNECTIONS,
    duration,
    ...opts,
  })
  return {
    route,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

export default async function storeSignupBench({ container }: ExecArgs) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const shop = await createShopFixture(container, 0)
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["product_id"],
    filters: { id: shop.variantId },
  })
  const productId = (variants[0] as { product_id: string }).product_id
  const {
    result: [key],
  } = await createApiKeysWorkflow(container).run({
    input: {
      api_keys: [{ title: "bench", type: "publishable", created_by: "" }],
    },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: key.id, add: [shop.salesChannelId] },
  })

  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  log(`starting medusa on ${url}`)
  const server = startServer(port)
  let serverErrors = ""
  server.stderr?.on(
    "data",
    (d) => (serverErrors = (serverErrors + d).slice(-4000))
  )
  const measures: Measure[] = []
  let serverRss = 0
  try {
    await waitForHealth(url, server).catch((e) => {
      console.error(serverErrors)
      throw e
    })
    const headers = {
      "x-publishable-api-key": key.token,
      "content-type": "application/json",
    }
    const productRoute = {
      url: `${url}/store/products/${productId}`,
      headers,
    }
    let n = 0
    const signupRoute = {
      url: `${url}/store/restock-subscriptions`,
      method: "POST" as const,
      headers,
      requests: [
        {
          setupRequest: (req: autocannon.Request) => ({
            ...req,
            body: JSON.stringify({
              variant_id: shop.variantId,
              email: `shopper${++n}@bench.example.com`,
            }),
          }),
        },
      ],
    }
    log("warming up")
    await load("warmup", productRoute, WARMUP_SECONDS)
    await load("warmup", signupRoute, WARMUP_SECONDS)
    log(`GET /store/products/:id for ${DURATION} s`)
    measures.push(
      await load("GET /store/products/:id (Medusa)", productRoute, DURATION)
    )
    log(`POST /store/restock-subscriptions for ${DURATION} s`)
    const before = n
    measures.push(
      await load(
        "POST /store/restock-subscriptions (plugin)",
        signupRoute,
        DURATION
      )
    )
    log(`${n - before} signups sent`)
    serverRss = rssOf(server.pid!, "VmHWM")
  } finally {
    if (server.exitCode === null) process.kill(-server.pid!, "SIGTERM")
  }

  const lines = [
    "## store-signup",
    "",
    `${CONNECTIONS} connections, ${DURATION} s per route after a ${WARMUP_SECONDS} s warm-up, one \`medusa start\` process (admin off) on this database; latencies in ms.`,
    "",
    "| route | requests | requests/s | p50 ms | p99 ms | non-2xx | errors |",
    "| --- | --: | --: | --: | --: | --: | --: |",
    ...measures.map(
      (m) =>
        `| ${m.route} | ${m.requests} | ${m.rps.toFixed(0)} | ${m.p50} | ${m.p99} | ${m.non2xx} | ${m.errors} |`
    ),
    "",
    `Server peak RSS: ${serverRss.toFixed(0)} MB.`,
    "",
  ]
  const table = lines.join("\n")
  console.log(table)
  await mkdir(path.dirname(OUT_FILE), { recursive: true })
  await writeFile(OUT_FILE, table)
}
