import { carrierWebhook, shippoSignature } from "../../../fakes/carriers"
import { createCarrier, type ProvidersOptions } from ".."
import { WebhookSignatureError, type WebhookRequest } from "../types"

const SECRET = "whsec_test_secret"
const http = { base_url: "http://127.0.0.1:1", rate_limit_per_second: 100 }
const providers: ProvidersOptions = {
  aftership: { ...http, api_key: "k", webhook_secret: SECRET },
  easypost: { ...http, api_key: "k", webhook_secret: SECRET },
  shippo: { ...http, api_key: "k", webhook_secret: SECRET },
  "17track": { ...http, api_key: "k", webhook_secret: SECRET },
  sandbox: { enabled: true, webhook_secret: SECRET },
}
const runtime = {
  timeoutMs: 1000,
  maxRetryAfterSeconds: 5,
  now: () => new Date(),
}
const events = [
  { status: "in_transit", at: "2026-11-01T08:00:00.000Z" },
  {
    status: "out_for_delivery",
    at: "2026-11-02T07:00:00.000Z",
    message: "On the van",
  },
]

function request(hook: ReturnType<typeof carrierWebhook>): WebhookRequest {
  return {
    headers: hook.headers,
    rawBody: Buffer.from(hook.body),
    query: hook.query,
  }
}

describe.each([
  "aftership",
  "easypost",
  "shippo",
  "17track",
  "sandbox",
] as const)("%s webhooks", (name) => {
  const client = createCarrier(name, providers, runtime)!

  it("accepts a correctly signed webhook and parses the parcel", () => {
    const [update] = client.verifyWebhook!(
      request(carrierWebhook(name, SECRET, "PARCEL1", events))
    )
    expect(update.number).toBe("PARCEL1")
    expect(update.status).toBe("out_for_delivery")
    expect(update.events.map((e) => e.status)).toContain("out_for_delivery")
  })

  it("refuses a forged signature", () => {
    const hook = carrierWebhook(name, "someone-elses-secret", "PARCEL1", events)
    expect(() => client.verifyWebhook!(request(hook))).toThrow(
      WebhookSignatureError
    )
  })

  it("refuses a body changed after signing", () => {
    const hook = carrierWebhook(name, SECRET, "PARCEL1", events)
    const tampered = { ...hook, body: hook.body.replace("PARCEL1", "PARCEL2") }
    // Shippo's URL token signs nothing: its HMAC form is tested below.
    if (name === "shippo") return
    expect(() => client.verifyWebhook!(request(tampered))).toThrow(
      WebhookSignatureError
    )
  })

  it("refuses a webhook without its signature", () => {
    const hook = carrierWebhook(name, SECRET, "PARCEL1", events)
    expect(() =>
      client.verifyWebhook!({
        headers: { "content-type": "application/json" },
        rawBody: Buffer.from(hook.body),
        query: {},
      })
    ).toThrow(/missing/)
  })

  it("refuses every webhook when no secret is configured", () => {
    const bare = createCarrier(
      name,
      {
        ...providers,
        [name]: { ...(providers[name] as object), webhook_secret: undefined },
      } as ProvidersOptions,
      runtime
    )!
    // 17TRACK falls back to the API key, so its own signature still counts.
    if (name === "17track") return
    expect(() =>
      bare.verifyWebhook!(
        request(carrierWebhook(name, SECRET, "PARCEL1", events))
      )
    ).toThrow(/no webhook secret/)
  })
})

describe("shippo HMAC webhooks (Shippo-Auth-Signature)", () => {
  const NOW = new Date("2026-11-03T12:00:00.000Z")
  const nowSeconds = Math.floor(NOW.getTime() / 1000)
  const client = createCarrier("shippo", providers, {
    ...runtime,
    now: () => NOW,
  })!
  const hmacHook = (secret = SECRET, timestamp = nowSeconds) =>
    carrierWebhook("shippo", secret, "PARCEL1", events, {
      shippo: "hmac",
      timestamp,
    })

  it("accepts a signed webhook with no token in the URL", () => {
    const hook = hmacHook()
    expect(hook.query).toEqual({})
    expect(hook.headers["shippo-auth-signature"]).toMatch(
      /^t=\d+,v1=[0-9a-f]{64}$/
    )
    const [update] = client.verifyWebhook!(request(hook))
    expect(update.number).toBe("PARCEL1")
    expect(update.status).toBe("out_for_delivery")
  })

  it("accepts a signature made within five minutes either side of now", () => {
    for (const skew of [-299, 299]) {
      expect(
        client.verifyWebhook!(request(hmacHook(SECRET, nowSeconds + skew)))
      ).toHaveLength(1)
    }
  })

  it("refuses a body changed after signing", () => {
    const hook = hmacHook()
    expect(() =>
      client.verifyWebhook!(
        request({ ...hook, body: hook.body.replace("PARCEL1", "PARCEL2") })
      )
    ).toThrow(WebhookSignatureError)
  })

  it("refuses a signature made with another secret", () => {
    expect(() =>
      client.verifyWebhook!(request(hmacHook("someone-elses-secret")))
    ).toThrow(/does not match/)
  })

  it("refuses a replay older than five minutes, and a signature from the future", () => {
    for (const skew of [-301, -3600, 301]) {
      expect(() =>
        client.verifyWebhook!(request(hmacHook(SECRET, nowSeconds + skew)))
      ).toThrow(/timestamp/)
    }
  })

  it("refuses a signature whose timestamp was changed", () => {
    const hook = hmacHook()
    const header = hook.headers["shippo-auth-signature"].replace(
      `t=${nowSeconds}`,
      `t=${nowSeconds + 1}`
    )
    expect(() =>
      client.verifyWebhook!(
        request({
          ...hook,
          headers: { ...hook.headers, "shippo-auth-signature": header },
        })
      )
    ).toThrow(WebhookSignatureError)
  })

  it.each([
    "",
    "v1=abc",
    `t=${nowSeconds}`,
    `t=soon,v1=${"0".repeat(64)}`,
    "garbage",
  ])("refuses the malformed header %j", (value) => {
    const hook = hmacHook()
    expect(() =>
      client.verifyWebhook!(
        request({
          ...hook,
          headers: { ...hook.headers, "shippo-auth-signature": value },
        })
      )
    ).toThrow(WebhookSignatureError)
  })

  it("a wrong signature is refused even with the right token in the URL", () => {
    const hook = hmacHook("someone-elses-secret")
    expect(() =>
      client.verifyWebhook!(request({ ...hook, query: { token: SECRET } }))
    ).toThrow(WebhookSignatureError)
  })

  it("accepts one matching v1 among several (secret rotation)", () => {
    const hook = hmacHook()
    const other = shippoSignature("old-secret", hook.body, nowSeconds)
    const header = `${hook.headers["shippo-auth-signature"]},${other.split(",")[1]}`
    expect(
      client.verifyWebhook!(
        request({
          ...hook,
          headers: { ...hook.headers, "shippo-auth-signature": header },
        })
      )
    ).toHaveLength(1)
  })

  it("refuses a signed webhook when no secret is configured", () => {
    const bare = createCarrier(
      "shippo",
      {
        ...providers,
        shippo: { ...providers.shippo, webhook_secret: undefined },
      },
      { ...runtime, now: () => NOW }
    )!
    expect(() => bare.verifyWebhook!(request(hmacHook()))).toThrow(
      /no webhook secret/
    )
  })
})
