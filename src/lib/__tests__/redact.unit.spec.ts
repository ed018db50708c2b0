import { maskEmail, redactEmails } from "../redact"
import { constantTimeEqual } from "../tokens"

describe("redactEmails", () => {
  it("masks every address in a text and keeps the rest", () => {
    const out = redactEmails(
      'could not send to ann.lee@example.com, "bo+x@shop.co.uk"; run 42'
    )
    expect(out).toBe(
      'could not send to a***@example.com, "b***@shop.co.uk"; run 42'
    )
    expect(out).not.toMatch(/ann\.lee|bo\+x/)
  })

  it("leaves texts without an address alone", () => {
    expect(redactEmails("variant_01 is in stock @ 3 units")).toBe(
      "variant_01 is in stock @ 3 units"
    )
  })

  it("masks a bare address", () => {
    expect(maskEmail("z@example.org")).toBe("z***@example.org")
    expect(maskEmail("@nothing")).toBe("***")
  })
})

describe("constantTimeEqual", () => {
  it("is true only for the same string", () => {
    expect(constantTimeEqual("sig-abc", "sig-abc")).toBe(true)
    expect(constantTimeEqual("sig-abc", "sig-abd")).toBe(false)
    expect(constantTimeEqual("sig-abc", "sig-ab")).toBe(false)
    expect(constantTimeEqual("", "")).toBe(true)
    expect(constantTimeEqual("", "x")).toBe(false)
  })
})
