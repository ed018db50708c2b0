import { carrierWebhook } from "../../../fakes/carriers"
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
    // Shippo has no signature over the body: its token is all there is.
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
