import type { MedusaContainer } from "@medusajs/framework/types"
import { newToken } from "../../lib/tokens"
import {
  batchContent,
  type ContentOptions,
  messageContent,
} from "../notification-rows"

const options = {
  templates: {},
  storefrontUrl: "https://shop.example.com",
  branding: {},
  messages: {},
  defaultLocale: "en",
} as unknown as ContentOptions
const branding = { shop_name: "Shop & Co" } as never
const container = {} as MedusaContainer

const alert = (
  variant: string,
  token: string,
  locale: string | null = null
) => ({
  name: "autopilot.restock.available" as const,
  personal: ["product_url", "unsubscribe_url"],
  data: {
    locale,
    product_title: `Shirt <${variant}>`,
    variant_title: "M",
    sku: null,
    thumbnail: null,
    available: 3,
    product_url: `https://shop.example.com/products/shirt?variant=${variant}&autopilot_restock=${token}`,
    unsubscribe_url: `https://shop.example.com/autopilot/unsubscribe?token=${token}u`,
  },
})

const one = (input: ReturnType<typeof alert>) =>
  messageContent(container, options, input.name, input.data, branding)

describe("batchContent", () => {
  it("renders alike messages once and each comes out as rendered on its own", async () => {
    const inputs = [
      alert("v1", newToken().token),
      alert("v1", newToken().token),
      alert("v2", newToken().token),
      alert("v1", newToken().token),
      alert("v1", newToken().token, "de"),
    ]
    const batch = await batchContent(container, options, inputs, branding)
    for (const [n, input] of inputs.entries()) {
      expect(batch[n]).toEqual(await one(input))
    }
    // Each message carries its own links, no other's.
    expect(batch[3]!.html).toContain(
      inputs[3].data.product_url.replace(/&/g, "&amp;")
    )
    expect(batch[3]!.html).not.toContain(inputs[0].data.product_url.slice(-43))
  })

  it("renders message by message when personal values are too short to find", async () => {
    const inputs = [alert("v1", "a"), alert("v1", "b"), alert("v1", "c")]
    const batch = await batchContent(container, options, inputs, branding)
    for (const [n, input] of inputs.entries()) {
      expect(batch[n]).toEqual(await one(input))
    }
  })
})
