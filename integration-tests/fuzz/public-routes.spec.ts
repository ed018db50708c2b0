import "../helpers/tick-env"
import fc from "fast-check"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { loadEffectiveSetting } from "../../src/runtime/settings"
import { setPluginOptions } from "../helpers/plugin-options"
import { rowCounts } from "../helpers/plugin-tables"
import {
  publicRoutes,
  type PublicRoute,
  sizeLimitBytes,
} from "../helpers/public-routes"
import { createShopFixture, type ShopFixture } from "../helpers/shop-fixture"
import { RELAXED_SIGNUP_LIMITS, storefrontHeaders } from "../helpers/store"

jest.setTimeout(300_000)

setPluginOptions({
  jobs: { "restock-alerts": { options: RELAXED_SIGNUP_LIMITS } },
})

/** Fixed, so a failure replays; FUZZ_SEED / FUZZ_RUNS explore further. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261127)
const RUNS = Number(process.env.FUZZ_RUNS ?? 100)

/**
 * Rate-limit counters are written before a signup is looked at, on purpose:
 * attempts must count whatever their outcome. They hold only hashes and
 * last a day, so the "nothing written" check leaves them out.
 */
const COUNTED_ANYWAY = ["autopilot_rate_limit"]

type Sent = {
  path: string
  method: string
  headers: Record<string, string>
  body?: string
}

type Received = { status: number; text: string }

// Strings that break naive code: prototype keys, operators, control and
// bidi characters, lone surrogates, very long values.
const nasty = fc.constantFrom(
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "$where",
  "{$ne: null}",
  "' OR '1'='1",
  "\u0000",
  "\u202Eevil",
  "\uD800",
  "\uFFFF\uFFFE",
  "😀👩‍👩‍👧",
  "a@b",
  "@example.com",
  "x".repeat(5000),
  "../../etc/passwd",
  "%00",
  "NaN",
  "-1",
  "1e309"
)

const text = fc.oneof(
  nasty,
  fc.string(),
  fc.string({ unit: "binary", maxLength: 64 }),
  fc.string({ minLength: 300, maxLength: 3000 })
)

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("any"), { maxLength: 4 }),
    fc.dictionary(tie("key") as fc.Arbitrary<string>, tie("any"), {
      maxKeys: 4,
    })
  ),
  key: fc.oneof(
    nasty,
    fc.constantFrom(
      "token",
      "email",
      "variant_id",
      "locale",
      "sales_channel_id",
      "cart_id",
      "id"
    ),
    fc.string({ maxLength: 20 })
  ),
})).any

/** Field names the plugin's public routes read (and a few they may one day). */
const FIELDS = [
  "token",
  "email",
  "variant_id",
  "locale",
  "sales_channel_id",
  "cart_id",
] as const

const key = fc.oneof(
  nasty,
  fc.constantFrom(
    "token",
    "email",
    "variant_id",
    "locale",
    "sales_channel_id",
    "cart_id",
    "tracking_number",
    "status"
  ),
  fc.string({ maxLength: 20 })
)

/** JSON written by hand, so keys like `__proto__` reach the server as keys. */
function jsonObject(entries: [string, unknown][]): string {
  return `{${entries
    .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? "null"}`)
    .join(",")}}`
}

type Body = { contentType?: string; body?: string }

function bodies(knownIds: string[]): fc.Arbitrary<Body> {
  const field = fc.oneof(
    { weight: 3, arbitrary: value },
    { weight: 1, arbitrary: fc.constantFrom(...knownIds) }
  )
  const object = fc
    .array(fc.tuple(key, field), { maxLength: 6 })
    .map(jsonObject)
  // Only field names the routes know, with string values: bodies that get
  // past validation and into the routes' own code.
  const nearlyValid = fc
    .subarray([...FIELDS], { minLength: 1, maxLength: 3 })
    .chain((keys) =>
      fc.tuple(
        ...keys.map((k) =>
          fc.tuple(
            fc.constant(k),
            fc.oneof(
              text,
              fc.constantFrom(...knownIds, "fuzz@example.com", "de-DE")
            )
          )
        )
      )
    )
    .map((entries) => jsonObject(entries as [string, unknown][]))
  return fc.oneof(
    {
      weight: 3,
      arbitrary: nearlyValid.map((body) => ({
        contentType: "application/json",
        body,
      })),
    },
    // JSON objects with wrong types, missing and extra fields
    object.map((body) => ({ contentType: "application/json", body })),
    // JSON that is not an object
    value.map((v) => ({
      contentType: "application/json",
      body: JSON.stringify(v) ?? "null",
    })),
    // broken JSON
    fc
      .oneof(
        fc.constantFrom("{", '{"token":', "[1,2", '{"a":1}}', "nul", "\u0000"),
        fc.string({ maxLength: 50 })
      )
      .map((body) => ({ contentType: "application/json", body })),
    // wrong or odd content types
    fc
      .tuple(
        fc.constantFrom(
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/xml",
          "application/json; charset=utf-16",
          "application/octet-stream",
          "image/png"
        ),
        fc.oneof(
          object,
          fc.constantFrom(
            "token=a&token=b&__proto__[admin]=1",
            "a[b][c][d][e][f][g]=1&constructor[prototype][x]=1",
            "--x\r\nContent-Disposition: form-data; name=token\r\n\r\nabc\r\n--x--"
          ),
          fc.string({ maxLength: 200 })
        )
      )
      .map(([contentType, body]) => ({ contentType, body })),
    // no body at all
    fc.constant({})
  )
}

const query = fc.oneof(
  fc.constant(""),
  fc.constantFrom(
    "?__proto__[admin]=1",
    "?constructor[prototype][admin]=1",
    "?token[]=a&token[]=b",
    "?a[b][c][d][e][f][g][h][i][j]=1",
    `?email=${"x".repeat(4000)}@example.com`,
    "?%E0%A4%A=1",
    "?token=__proto__&token=constructor",
    `?token=${"x".repeat(4000)}`
  ),
  fc
    .dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 50 }), {
      maxKeys: 4,
    })
    .map((q) => `?${new URLSearchParams(q).toString()}`)
)

/**
 * A path segment as a client would send it. A lone surrogate (one of the
 * nasty strings) cannot be percent-encoded, so it goes as U+FFFD.
 */
function encodeSegment(segment: string): string {
  try {
    return encodeURIComponent(segment)
  } catch {
    return encodeURIComponent(segment.replace(/[\uD800-\uDFFF]/g, "\uFFFD"))
  }
}

/** Printable ASCII only: anything else the HTTP client itself refuses to send. */
const headerValue = fc.oneof(
  fc.string({ maxLength: 100 }).map((s) => s.replace(/[^\x20-\x7e]/g, "?")),
  fc.constantFrom("", " ", "pk_" + "0".repeat(2000), "null", "[object Object]")
)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    const routes = publicRoutes()
    /** Routes that read a body; GET routes take their input from path and query. */
    const bodyRoutes = routes.filter((r) => r.takesBody)
    let shop: ShopFixture
    let storeHeaders: Record<string, string>
    let baseUrl: string

    beforeAll(async () => {
      const c = getContainer()
      // In stock: a signup for it passes validation and goes deep (rate
      // limit, channel, availability) yet is refused without a write.
      shop = await createShopFixture(c, 5)
      storeHeaders = await storefrontHeaders(c, shop.salesChannelId)
      baseUrl = String(api.defaults.baseURL).replace(/\/$/, "")
    })

    async function send(req: Sent): Promise<Received> {
      const res = await fetch(baseUrl + req.path, {
        method: req.method,
        headers: req.headers,
        body: req.body,
      })
      return { status: res.status, text: await res.text() }
    }

    /** A 4xx with a JSON body whose `message` says what was wrong. */
    function expectClearRefusal(req: Sent, res: Received) {
      const where = `${req.method} ${req.path.slice(0, 200)} (${req.headers["content-type"] ?? "no content type"}) → ${res.status} ${res.text.slice(0, 300)}`
      if (res.status < 400 || res.status >= 500) {
        throw new Error(`expected a 4xx: ${where}`)
      }
      let message: unknown
      try {
        message = (JSON.parse(res.text) as { message?: unknown }).message
      } catch {
        throw new Error(`expected a JSON error body: ${where}`)
      }
      if (typeof message !== "string" || !message.trim()) {
        throw new Error(`expected a clear message: ${where}`)
      }
    }

    function pathOf(route: PublicRoute, params: string[] = []): string {
      let i = 0
      // An empty segment is a path no route serves (Express answers with
      // its own HTML 404 before the plugin sees the request), not input to
      // this route.
      return route.matcher.replace(/:[^/]+/g, () =>
        encodeSegment(params[i++] || "anything")
      )
    }

    async function writesNothing(run: () => Promise<void>) {
      // Job settings are seeded from the plugin options on their first read
      // (in a shop, at start-up); the runner's database restore undoes that.
      await loadEffectiveSetting(getContainer(), "restock-alerts")
      const before = await rowCounts(dbConnection)
      await run()
      const after = await rowCounts(dbConnection)
      for (const table of COUNTED_ANYWAY) {
        delete before[table]
        delete after[table]
      }
      expect(after).toEqual(before)
    }

    it("finds the plugin's store and webhook routes", () => {
      expect(routes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            method: "POST",
            matcher: "/store/restock-subscriptions",
          }),
          expect.objectContaining({
            method: "POST",
            matcher: "/store/autopilot/confirm",
          }),
          expect.objectContaining({
            method: "POST",
            matcher: "/store/autopilot/unsubscribe",
          }),
          expect.objectContaining({
            method: "GET",
            matcher: "/store/autopilot/shipments/:token",
            takesBody: false,
          }),
        ])
      )
      expect(bodyRoutes.length).toBeGreaterThan(0)
      expect(bodyRoutes.length).toBeLessThan(routes.length)
    })

    it.each(bodyRoutes.map((r) => [r.method, r.matcher, r]))(
      "%s %s has an explicit body size limit",
      (_m, _p, route) => {
        expect((route as PublicRoute).sizeLimit).toMatch(
          /^\d+(\.\d+)?\s*(b|kb|mb)$/i
        )
      }
    )

    it.each(bodyRoutes.map((r) => [r.method, r.matcher, r]))(
      "%s %s refuses a body over its limit with 413, and writes nothing",
      async (_m, _p, r) => {
        const route = r as PublicRoute
        const limit = sizeLimitBytes(route.sizeLimit ?? "100kb")
        await writesNothing(async () => {
          for (const contentType of [
            "application/json",
            "text/plain",
            "application/x-www-form-urlencoded",
          ]) {
            const req: Sent = {
              method: route.method,
              path: pathOf(route),
              headers: { ...storeHeaders, "content-type": contentType },
              body: JSON.stringify({ token: "x".repeat(limit + 1024) }),
            }
            const res = await send(req)
            expectClearRefusal(req, res)
            expect(res.status).toBe(413)
          }
        })
      }
    )

    it.each(routes.map((r) => [r.method, r.matcher, r]))(
      "%s %s answers generated hostile input with a clear 4xx and writes nothing",
      async (_m, _p, r) => {
        const route = r as PublicRoute
        const request = fc.record({
          body: bodies([shop.variantId, shop.salesChannelId]),
          query,
          params: fc.array(fc.oneof(text, fc.constant("sandbox")), {
            minLength: 1,
            maxLength: 3,
          }),
          key: fc.oneof(
            {
              weight: 4,
              arbitrary: fc.constant(storeHeaders["x-publishable-api-key"]),
            },
            { weight: 1, arbitrary: fc.constant(undefined) },
            { weight: 1, arbitrary: headerValue }
          ),
          extra: fc.dictionary(
            fc.constantFrom(
              "x-forwarded-for",
              "x-real-ip",
              "authorization",
              "cookie",
              "x-signature",
              "x-hub-signature-256",
              "accept-language",
              "idempotency-key"
            ),
            headerValue,
            { maxKeys: 3 }
          ),
        })
        await writesNothing(async () => {
          await fc.assert(
            fc.asyncProperty(request, async (input) => {
              const headers: Record<string, string> = { ...input.extra }
              if (input.key !== undefined) {
                headers["x-publishable-api-key"] = input.key
              }
              // A GET route's hostile input is its path and query alone.
              const body = route.takesBody ? input.body : {}
              if (body.contentType) headers["content-type"] = body.contentType
              const req: Sent = {
                method: route.method,
                path: pathOf(route, input.params) + input.query,
                headers,
                body: body.body,
              }
              expectClearRefusal(req, await send(req))
            }),
            { seed: SEED, numRuns: RUNS, endOnFailure: true }
          )
        })
      }
    )
  },
})
