import { type FakeCarriers, startFakeCarriers } from "../../../fakes/carriers"
import { createCarrier, type ProvidersOptions } from ".."
import type { AfterShipClient } from "../aftership/client"
import { resetLimiters } from "../http"
import type { SeventeenTrackClient } from "../seventeen-track/client"
import type { ProviderName, TrackResult } from "../types"

jest.setTimeout(30_000)

let fake: FakeCarriers
beforeAll(async () => {
  fake = await startFakeCarriers({ timeoutDelayMs: 3000 })
})
afterAll(() => fake.close())
beforeEach(() => {
  fake.reset()
  resetLimiters()
})

function providers(rate = 50): ProvidersOptions {
  const http = {
    base_url: fake.url,
    rate_limit_per_second: rate,
    api_key: "key",
  }
  return {
    aftership: http,
    easypost: http,
    shippo: { ...http, carrier: "usps" },
    "17track": http,
    sandbox: { enabled: true },
  }
}
const runtime = {
  timeoutMs: 800,
  maxRetryAfterSeconds: 5,
  now: () => new Date(),
}
const client = (name: ProviderName, rate?: number) =>
  createCarrier(name, providers(rate), runtime)!

const journey = [
  { status: "info_received", at: "2026-11-01T08:00:00.000Z" },
  { status: "in_transit", at: "2026-11-01T18:00:00.000Z" },
  { status: "out_for_delivery", at: "2026-11-02T07:00:00.000Z" },
]
async function waitUntil(check: () => boolean, ms = 5000) {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error("condition not met in time")
    await new Promise((r) => setTimeout(r, 20))
  }
}
const ok = (r: TrackResult) => {
  if (!r.ok) throw new Error(`expected a result, got: ${r.error}`)
  return r
}

describe("carrier clients against their documented answers", () => {
  it.each(["aftership", "easypost", "shippo", "17track"] as const)(
    "%s: reads status and history",
    async (name) => {
      fake.script("NUM-1", journey)
      fake.register(name, ["NUM-1"])
      const [result] = await client(name).track([{ number: "NUM-1" }])
      const r = ok(result)
      expect(r.status).toBe("out_for_delivery")
      expect(r.occurred_at?.toISOString()).toBe("2026-11-02T07:00:00.000Z")
      expect(r.events.map((e) => e.status).sort()).toEqual([
        "in_transit",
        "info_received",
        "out_for_delivery",
      ])
    }
  )

  it.each(["aftership", "easypost", "shippo", "17track"] as const)(
    "%s: reads the carrier's delivery estimate, null when it gives none",
    async (name) => {
      fake.script("EST-1", [
        { ...journey[0], estimated_delivery: "2026-11-05T00:00:00.000Z" },
        { ...journey[1], estimated_delivery: "2026-11-04T18:00:00.000Z" },
      ])
      fake.script("EST-2", journey)
      fake.register(name, ["EST-1", "EST-2"])
      const c = client(name)
      const [withEstimate] = await c.track([{ number: "EST-1" }])
      const [without] = await c.track([{ number: "EST-2" }])
      expect(ok(withEstimate).estimated_delivery?.toISOString()).toBe(
        "2026-11-04T18:00:00.000Z"
      )
      expect(ok(without).estimated_delivery).toBeNull()
    }
  )

  it("17TRACK: asks for up to 40 numbers per call and registers unknown ones", async () => {
    const numbers = Array.from({ length: 45 }, (_, i) => `SEV-${i}`)
    numbers.forEach((n) => fake.script(n, journey))
    fake.register("17track", numbers.slice(0, 40))
    const c = client("17track")
    expect(c.batchSize).toBe(40)
    const first = await c.track(
      numbers.slice(0, 40).map((number) => ({ number }))
    )
    expect(first.every((r) => r.ok && r.status === "out_for_delivery")).toBe(
      true
    )
    const rest = await c.track(numbers.slice(40).map((number) => ({ number })))
    // Not followed yet: registered now, pending until the next check.
    expect(rest.map((r) => ok(r).status)).toEqual(Array(5).fill("pending"))
    expect(fake.requests.map((r) => [r.path, r.numbers.length])).toEqual([
      ["/track/v2.2/gettrackinfo", 40],
      ["/track/v2.2/gettrackinfo", 5],
      ["/track/v2.2/register", 5],
    ])
    const again = await c.track(numbers.slice(40).map((number) => ({ number })))
    expect(again.every((r) => ok(r).status === "out_for_delivery")).toBe(true)
  })

  it("AfterShip: starts following a number it does not know", async () => {
    const [r] = await client("aftership").track([{ number: "NEW-1" }])
    expect(ok(r).status).toBe("pending")
    expect(fake.requests.map((q) => q.method)).toEqual(["GET", "POST"])
  })

  it("waits out a 429 for its Retry-After, then answers", async () => {
    fake.script("NUM-1", journey)
    fake.injectFault("easypost", "429", 1, "1")
    const [r] = await client("easypost").track([{ number: "NUM-1" }])
    expect(ok(r).status).toBe("out_for_delivery")
    const [refused, served] = fake.requests
    expect(refused.status).toBe(429)
    expect(served.status).toBe(200)
    expect(served.at - refused.at).toBeGreaterThanOrEqual(950)
  })

  it("a Retry-After longer than allowed fails the parcel instead of waiting", async () => {
    fake.injectFault("shippo", "429", 1, "600")
    const [r] = await client("shippo").track([{ number: "NUM-1" }])
    expect(r).toMatchObject({
      ok: false,
      error: expect.stringMatching(/429.*600/),
    })
    expect(fake.requests).toHaveLength(1)
  })

  it.each([
    ["500", /HTTP 500/],
    ["malformed", /malformed JSON/],
    ["timeout", /no answer within 800 ms/],
  ] as const)(
    "a %s answer fails every parcel of the request, without throwing",
    async (mode, error) => {
      fake.injectFault("17track", mode, 1)
      fake.register("17track", ["A", "B"])
      const results = await client("17track").track([
        { number: "A" },
        { number: "B" },
      ])
      expect(results).toEqual([
        { ok: false, number: "A", error: expect.stringMatching(error) },
        { ok: false, number: "B", error: expect.stringMatching(error) },
      ])
    }
  )

  it.each(["aftership", "easypost", "shippo", "17track"] as const)(
    "%s: an answer over 1 MiB fails its parcels and the transfer is cut off",
    async (name) => {
      fake.injectFault(name, "oversized", 1)
      fake.register(name, ["BIG-1"])
      const [r] = await client(name).track([{ number: "BIG-1" }])
      expect(r).toEqual({
        ok: false,
        number: "BIG-1",
        error: `${name}: carrier answer larger than 1 MiB`,
      })
      const served = fake.requests.find((q) => q.bytesSent !== undefined)!
      await waitUntil(() => served.aborted === true)
      // 8 MiB on offer: the client hung up long before the end.
      expect(served.bytesSent).toBeLessThan(8 * 1024 * 1024)
    }
  )

  it("the size cap is a setting of the client", async () => {
    fake.injectFault("easypost", "oversized", 1)
    const small = createCarrier("easypost", providers(), {
      ...runtime,
      maxAnswerBytes: 64 * 1024,
    })!
    const [r] = await small.track([{ number: "BIG-2" }])
    expect(r).toMatchObject({
      ok: false,
      error: "easypost: carrier answer larger than 64 KiB",
    })
  })

  it("an answer that trickles in fails at timeout_ms, not when it ends", async () => {
    fake.injectFault("17track", "drip", 1)
    fake.register("17track", ["SLOW-1"])
    const started = Date.now()
    const [r] = await client("17track").track([{ number: "SLOW-1" }])
    const took = Date.now() - started
    expect(r).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no answer within 800 ms/),
    })
    // The fake trickles for 10 s, a byte every 100 ms: the socket is never
    // idle, so only a deadline for the whole request stops it.
    expect(took).toBeLessThan(3000)
  })

  it("Shippo needs a carrier code", async () => {
    const bare = createCarrier(
      "shippo",
      {
        ...providers(),
        shippo: { base_url: fake.url, rate_limit_per_second: 5, api_key: "k" },
      },
      runtime
    )!
    const [r] = await bare.track([{ number: "X" }])
    expect(r).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no carrier/),
    })
    expect(fake.requests).toHaveLength(0)
  })

  it("keeps to the provider's rate limit", async () => {
    const rate = 10
    const c = client("easypost", rate)
    await Promise.all(
      Array.from({ length: 25 }, (_, i) => c.track([{ number: `R-${i}` }]))
    )
    const times = fake.requests.map((r) => r.at).sort((a, b) => a - b)
    expect(times).toHaveLength(25)
    // One token every 1/rate s: no sliding second ever holds more than rate + 1.
    const busiest = Math.max(
      ...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length)
    )
    expect(busiest).toBeLessThanOrEqual(rate + 1)
  })

  it("a disabled provider has no client and says why", () => {
    const p = providers()
    p.aftership = { base_url: fake.url, rate_limit_per_second: 5 }
    expect(createCarrier("aftership", p, runtime)).toBeNull()
  })
})

describe("delivery estimates the fake does not send", () => {
  it("AfterShip: the carrier's expected_delivery comes before AfterShip's own estimate", () => {
    const c = client("aftership") as AfterShipClient
    const both = c.parse({
      tracking_number: "AS-1",
      tag: "InTransit",
      expected_delivery: "2026-11-06",
      aftership_estimated_delivery_date: {
        estimated_delivery_date: "2026-11-07",
      },
    })
    expect(both.estimated_delivery?.toISOString()).toBe(
      "2026-11-06T00:00:00.000Z"
    )
    const unreadable = c.parse({
      tracking_number: "AS-2",
      expected_delivery: "soon",
      aftership_estimated_delivery_date: {
        estimated_delivery_date: "2026-11-07",
      },
    })
    expect(unreadable.estimated_delivery?.toISOString()).toBe(
      "2026-11-07T00:00:00.000Z"
    )
  })

  it("17TRACK: the end of the estimated window, else its start", () => {
    const c = client("17track") as SeventeenTrackClient
    const item = (from: string | null, to: string | null) => ({
      number: "SEV-EST",
      track_info: {
        latest_status: { status: "InTransit" },
        time_metrics: { estimated_delivery_date: { from, to } },
      },
    })
    expect(
      c
        .parse(item("2026-11-04", "2026-11-06"))
        .estimated_delivery?.toISOString()
    ).toBe("2026-11-06T00:00:00.000Z")
    expect(
      c.parse(item("2026-11-04", null)).estimated_delivery?.toISOString()
    ).toBe("2026-11-04T00:00:00.000Z")
    expect(c.parse(item(null, null)).estimated_delivery).toBeNull()
  })
})

describe("sandbox carrier", () => {
  it("moves one step per check along the number's path", async () => {
    const c = client("sandbox")
    const path: string[] = []
    let current: string | null = null
    for (let i = 0; i < 5; i++) {
      const [r] = await c.track([
        { number: "SBX-1", current: current as never },
      ])
      current = ok(r).status
      path.push(current)
    }
    expect(path).toEqual([
      "info_received",
      "in_transit",
      "out_for_delivery",
      "delivered",
      "delivered",
    ])
    const [ret] = await c.track([
      { number: "SBX-RETURN-1", current: "in_transit" },
    ])
    expect(ok(ret).status).toBe("exception")
  })
})
