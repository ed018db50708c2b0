import {
  merchantAlertsOn,
  merchantTo,
  webhookBody,
  webhooksFor,
} from "../merchant-webhooks"

const base = {
  storefrontUrl: "https://shop.example.com",
  branding: {},
  defaultLocale: "en" as const,
  messages: {},
}

describe("merchant webhooks", () => {
  it("alerts go out with an email, a webhook, or both; else nowhere", () => {
    const none = { ...base, merchantWebhooks: [], merchantEmail: undefined }
    const email = { ...none, merchantEmail: "owner@shop.example.com" }
    const hook = { ...none, merchantWebhooks: [{ url: "https://h.example/x" }] }
    expect([merchantAlertsOn(none), merchantTo(none)]).toEqual([false, null])
    expect([merchantAlertsOn(email), merchantTo(email)]).toEqual([
      true,
      "owner@shop.example.com",
    ])
    // Webhooks only: an empty recipient, so no email is sent.
    expect([merchantAlertsOn(hook), merchantTo(hook)]).toEqual([true, ""])
  })

  it("a webhook gets the alerts its list names, or all without a list", () => {
    const options = {
      merchantWebhooks: [
        { url: "https://all.example/" },
        {
          url: "https://some.example/",
          alerts: ["autopilot.merchant.low_stock" as const],
        },
      ],
    }
    expect(
      webhooksFor(options, "autopilot.merchant.low_stock").map((h) => h.url)
    ).toEqual(["https://all.example/", "https://some.example/"])
    expect(
      webhooksFor(options, "autopilot.merchant.job_paused").map((h) => h.url)
    ).toEqual(["https://all.example/"])
  })

  it("the body is Slack's text plus the alert and its data", () => {
    const data = { subject: "3 variants are running low", total: 3 }
    expect(
      webhookBody(
        "autopilot.merchant.low_stock",
        { subject: "Low stock", text: "Tee · M: 2 left" },
        data
      )
    ).toEqual({
      text: "*Low stock*\nTee · M: 2 left",
      alert: "autopilot.merchant.low_stock",
      data,
    })
    // Not renderable: the subject the data carries.
    expect(webhookBody("autopilot.merchant.low_stock", null, data).text).toBe(
      "3 variants are running low"
    )
    expect(webhookBody("autopilot.merchant.job_stale", null, {}).text).toBe(
      "autopilot.merchant.job_stale"
    )
  })
})
