import { Readable } from "node:stream"
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { jsonObjectBody, storeJsonBodyMiddlewares } from "../json-body"
import { inWords, REFUSALS } from "../restock-subscriptions/limits"

type Answer = {
  passed: boolean
  status?: number
  json?: { type: string; message: string }
  body?: unknown
}

/** Sends `raw` through the middleware as a request stream, as Node gives it. */
function run(
  contentType: string | undefined,
  raw: string,
  path = "/store/autopilot/confirm"
): Promise<Answer> {
  return new Promise((resolve) => {
    const answer: Answer = { passed: false }
    const res = {
      status(code: number) {
        answer.status = code
        return res
      },
      json(payload: { type: string; message: string }) {
        answer.json = payload
        resolve(answer)
        return res
      },
    } as unknown as MedusaResponse
    const req = Object.assign(Readable.from([Buffer.from(raw)]), {
      headers: {
        ...(contentType === undefined ? {} : { "content-type": contentType }),
        "content-length": String(Buffer.byteLength(raw)),
      },
      path,
      method: "POST",
    }) as unknown as MedusaRequest
    jsonObjectBody(req, res, () => {
      answer.passed = true
      answer.body = req.body
      resolve(answer)
    })
  })
}

describe("jsonObjectBody", () => {
  it("passes a JSON object on, parsed", async () => {
    const out = await run("application/json", '{"token":"x"}')
    expect(out).toMatchObject({ passed: true, body: { token: "x" } })
    const typed = await run("Application/JSON; charset=utf-8", "{}")
    expect(typed).toMatchObject({ passed: true, body: {} })
  })

  it("reads an empty body as {}, so the validator names what is missing", async () => {
    expect(await run("application/json", "")).toMatchObject({
      passed: true,
      body: {},
    })
  })

  it("answers 415 naming application/json for any other content type", async () => {
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      undefined,
    ]) {
      const out = await run(type, "token=x")
      expect([type, out.passed, out.status]).toEqual([type, false, 415])
      expect(out.json?.message).toMatch(/application\/json/)
    }
  })

  it("answers 400 'expected a JSON object' for an array or a scalar", async () => {
    for (const body of ["[1,2]", "[]", '"text"', "5", "null", " true "]) {
      const out = await run("application/json", body)
      expect([body, out.passed, out.status]).toEqual([body, false, 400])
      expect(out.json).toEqual({
        type: "invalid_data",
        message: "Invalid request: expected a JSON object",
      })
    }
  })

  it("answers 400 'not valid JSON' for a body that does not parse", async () => {
    for (const body of ["{", "{token:1}", "'x'"]) {
      const out = await run("application/json", body)
      expect([body, out.status]).toEqual([body, 400])
      expect(out.json?.message).toBe(
        "Invalid request: the body is not valid JSON"
      )
    }
  })

  it("answers 413 over the route's limit, whatever the content type", async () => {
    for (const type of ["application/json", "text/plain"]) {
      const big = JSON.stringify({ token: "x".repeat(5000) })
      const out = await run(type, big, "/store/autopilot/confirm")
      expect([type, out.status]).toEqual([type, 413])
      expect(out.json?.message).toMatch(/4kb/)
      // the signup route takes up to 16kb
      const ok = await run(type, big, "/store/restock-subscriptions")
      expect(ok.status).not.toBe(413)
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
