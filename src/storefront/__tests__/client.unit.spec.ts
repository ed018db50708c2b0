import { FetchError } from "@medusajs/js-sdk"
import {
  AutopilotStoreError,
  createAutopilotClient,
  isAutopilotStoreError,
  waitInMessage,
} from ".."

function clientWith(fetch: jest.Mock) {
  return createAutopilotClient({ client: { fetch } } as never)
}

async function refusal(call: Promise<unknown>): Promise<AutopilotStoreError> {
  try {
    await call
  } catch (e) {
    expect(isAutopilotStoreError(e)).toBe(true)
    return e as AutopilotStoreError
  }
  throw new Error("expected a refusal")
}

describe("createAutopilotClient", () => {
  it("posts the body and per-call headers through sdk.client.fetch", async () => {
    const fetch = jest.fn().mockResolvedValue({ cart_id: "cart_1" })
    const answer = await clientWith(fetch).carts.recover(
      { token: "t" },
      { authorization: "Bearer x" }
    )
    expect(answer).toEqual({ cart_id: "cart_1" })
    expect(fetch).toHaveBeenCalledWith("/store/autopilot/cart-recovery", {
      method: "POST",
      body: { token: "t" },
      headers: { authorization: "Bearer x" },
    })
  })

  it.each([
    ["restock", "subscribe", "/store/restock-subscriptions"],
    ["restock", "confirm", "/store/autopilot/confirm"],
    ["restock", "unsubscribe", "/store/autopilot/unsubscribe"],
    ["carts", "unsubscribe", "/store/autopilot/unsubscribe"],
    ["shipments", "get", "/store/autopilot/shipments/status"],
    ["shipments", "lookup", "/store/autopilot/shipments/lookup"],
  ])("%s.%s calls %s", async (group, method, path) => {
    const fetch = jest.fn().mockResolvedValue({})
    const client = clientWith(fetch) as unknown as Record<
      string,
      Record<string, (body: object) => Promise<unknown>>
    >
    await client[group][method]({})
    expect(fetch.mock.calls[0][0]).toBe(path)
  })

  it("shipments.get posts a bare token as { token }, the same as the body form", async () => {
    const fetch = jest.fn().mockResolvedValue({ shipments: [] })
    const client = clientWith(fetch)
    await client.shipments.get("tok_1")
    await client.shipments.get({ token: "tok_1" })
    expect(fetch.mock.calls).toEqual([
      [
        "/store/autopilot/shipments/status",
        { method: "POST", body: { token: "tok_1" }, headers: {} },
      ],
      [
        "/store/autopilot/shipments/status",
        { method: "POST", body: { token: "tok_1" }, headers: {} },
      ],
    ])
  })

  it("keeps a 429's status, type and wait", async () => {
    const fetch = jest
      .fn()
      .mockRejectedValue(
        new FetchError(
          "Too many look-ups; please try again in 3 minutes.",
          "Too Many Requests",
          429
        )
      )
    const e = await refusal(
      clientWith(fetch).shipments.lookup({
        order_display_id: 1,
        email: "a@b.co",
      })
    )
    expect(e).toBeInstanceOf(AutopilotStoreError)
    expect(e).toMatchObject({
      status: 429,
      type: "too_many_requests",
      retryAfterSeconds: 180,
      message: "Too many look-ups; please try again in 3 minutes.",
    })
  })

  it.each([
    [400, "invalid_data"],
    [401, "unauthorized"],
    [404, "not_found"],
    [409, "conflict"],
    [413, "payload_too_large"],
    [500, "unknown_error"],
  ])("types a %i as %s, with no wait", async (status, type) => {
    const fetch = jest
      .fn()
      .mockRejectedValue(new FetchError("nope", "", status))
    const e = await refusal(clientWith(fetch).shipments.get({ token: "t" }))
    expect(e).toMatchObject({ status, type, retryAfterSeconds: null })
  })

  it("rethrows a network failure as it is", async () => {
    const failure = new TypeError("fetch failed")
    const fetch = jest.fn().mockRejectedValue(failure)
    await expect(clientWith(fetch).carts.recover({ token: "t" })).rejects.toBe(
      failure
    )
  })
})

describe("waitInMessage", () => {
  it.each([
    ["please try again in 40 seconds.", 40],
    ["please try again in 1 second.", 1],
    ["please try again in 1 minute.", 60],
    ["please try again in 2 hours.", 7200],
    ["please use the link in one of them, or try again in 5 hours.", 18000],
  ])("reads %j as %i s", (message, seconds) => {
    expect(waitInMessage(message)).toBe(seconds)
  })

  it("is null when the message names no wait", () => {
    expect(waitInMessage("Slow down")).toBeNull()
  })
})
