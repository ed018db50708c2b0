import { answerFor } from "../test-send"

describe("answerFor", () => {
  it("tells a provider's refusal with the provider's own words", () => {
    expect(
      answerFor(
        { status: "failure" } as never,
        "Failed to send notification with id noti_01ABC:\nMailbox unavailable"
      )
    ).toEqual({ status: "failure", provider_answer: "Mailbox unavailable" })
  })

  it("tells a channel no provider serves", () => {
    const answer = answerFor(
      undefined,
      "Could not find a notification provider for channel: sms for notification id noti_1"
    )
    expect(answer.status).toBe("failure")
    expect(answer.provider_answer).toMatch(/channel: sms/)
  })

  it("gives the provider's message id on success, when it gave one", () => {
    expect(
      answerFor({ status: "success", external_id: "msg_42" } as never, null)
    ).toEqual({
      status: "success",
      provider_answer: "Accepted by the provider (its message id: msg_42).",
    })
    expect(answerFor({ status: "success" } as never, null)).toEqual({
      status: "success",
      provider_answer: "Accepted by the provider.",
    })
  })

  it("says when the provider has not answered yet", () => {
    expect(answerFor({ status: "pending" } as never, null).status).toBe(
      "pending"
    )
  })
})
