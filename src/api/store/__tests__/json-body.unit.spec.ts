import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { jsonObjectBody, storeJsonBodyMiddlewares } from "../json-body"
import { inWords, REFUSALS } from "../restock-subscriptions/limits"

function run(contentType: string | undefined, body: unknown) {
  const answer: { status?: number; json?: { type: string; message: string } } =
    {}
  const res = {
    status(code: number) {
      answer.status = code
      return res
    },
    json(payload: { type: string; message: string }) {
      answer.json = payload
      return res
    },
  } as unknown as MedusaResponse
  const req = {
    headers: contentType === undefined ? {} : { "content-type": contentType },
    body,
  } as unknown as MedusaRequest
  let passed = false
  jsonObjectBody(req, res, () => {
    passed = true
  })
  return { passed, ...answer }
}

describe("jsonObjectBody", () => {
  it("passes a JSON object on", () => {
    expect(run("application/json", { token: "x" }).passed).toBe(true)
    expect(run("Application/JSON; charset=utf-8", {}).passed).toBe(true)
  })

  it("answers 415 naming application/json for any other content type", () => {
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      undefined,
    ]) {
      const out = run(type, "token=x")
      expect([type, out.passed, out.status]).toEqual([type, false, 415])
      expect(out.json?.message).toMatch(/application\/json/)
    }
  })

  it("answers 400 'expected a JSON object' for an array or a scalar", () => {
    for (const body of [[1, 2], [], "text", 5, null]) {
      const out = run("application/json", body)
      expect([out.passed, out.status]).toEqual([false, 400])
      expect(out.json).toEqual({
        type: "invalid_data",
        message: "Invalid request: expected a JSON object",
      })
    }
  })

  it("covers every plugin store route and nothing of Medusa's", () => {
    const matcher = storeJsonBodyMiddlewares[0].matcher as RegExp
    for (const path of [
      "/store/restock-subscriptions",
      "/store/autopilot/confirm",
      "/store/autopilot/unsubscribe",
      "/store/autopilot/cart-recovery",
    ]) {
      expect([path, matcher.test(path)]).toEqual([path, true])
    }
    for (const path of [
      "/store/carts",
      "/store/autopilotx",
      "/store/restock-subscriptions-x",
      "/hooks/autopilot/tracking/shippo",
      "/admin/autopilot/jobs/restock-alerts",
    ]) {
      expect([path, matcher.test(path)]).toEqual([path, false])
    }
  })
})

describe("429 messages", () => {
  it("say when to try again in words a shopper reads", () => {
    expect(inWords(1)).toBe("in 1 second")
    expect(inWords(45)).toBe("in 45 seconds")
    expect(inWords(60)).toBe("in 1 minute")
    expect(inWords(61)).toBe("in 2 minutes")
    expect(inWords(600)).toBe("in 10 minutes")
    expect(inWords(86_400)).toBe("in 24 hours")
    expect(REFUSALS.client(600)).toBe(
      "Too many sign-ups from your network right now; please try again in 10 minutes."
    )
    expect(REFUSALS.email(3_600)).toMatch(
      /^You've signed up for many items in a short time; please try again in 60 minutes\.$/
    )
  })
})
