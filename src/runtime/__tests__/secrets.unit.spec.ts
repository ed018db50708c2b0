import { MedusaError } from "@medusajs/framework/utils"
import { maskSecret, maskSecrets, restoreMaskedSecrets } from "../secrets"

describe("maskSecret", () => {
  it("keeps the last 4 characters of a long secret and none of a short one", () => {
    expect(maskSecret("as-live-key-1234")).toBe("••••1234")
    expect(maskSecret("short")).toBe("••••")
  })
})

describe("maskSecrets", () => {
  it("masks secret keys at any depth and leaves everything else", () => {
    const options = {
      batch_size: 7,
      providers: {
        aftership: { api_key: "as-live-key-1234", base_url: "http://x" },
        shippo: { webhook_secret: "tok" },
      },
      auth: { type: "basic", username: "u", password: "" },
      routing: [{ provider: "aftership" }],
    }
    expect(maskSecrets(options)).toEqual({
      batch_size: 7,
      providers: {
        aftership: { api_key: "••••1234", base_url: "http://x" },
        shippo: { webhook_secret: "••••" },
      },
      auth: { type: "basic", username: "u", password: "" },
      routing: [{ provider: "aftership" }],
    })
    // The input is not changed.
    expect(options.providers.aftership.api_key).toBe("as-live-key-1234")
  })
})

describe("restoreMaskedSecrets", () => {
  const current = {
    providers: { aftership: { api_key: "as-live-key-1234", base_url: "a" } },
  }

  it("puts the current secret back where its mask was posted", () => {
    expect(
      restoreMaskedSecrets(
        { providers: { aftership: { api_key: "••••1234", base_url: "b" } } },
        current
      )
    ).toEqual({
      providers: { aftership: { api_key: "as-live-key-1234", base_url: "b" } },
    })
  })

  it("keeps a new full value as posted", () => {
    expect(
      restoreMaskedSecrets(
        { providers: { aftership: { api_key: "new-key-999999" } } },
        current
      )
    ).toEqual({ providers: { aftership: { api_key: "new-key-999999" } } })
  })

  it("refuses a mask that is not the current secret's, naming the field", () => {
    for (const posted of [
      { providers: { aftership: { api_key: "••••9999" } } },
      { providers: { easypost: { api_key: "••••1234" } } },
    ]) {
      let error: unknown
      try {
        restoreMaskedSecrets(posted, current)
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(MedusaError)
      expect((error as MedusaError).type).toBe(MedusaError.Types.INVALID_DATA)
      expect((error as Error).message).toMatch(
        /^options\.providers\.\w+\.api_key:/
      )
    }
  })
})
