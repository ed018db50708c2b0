import type { MedusaContainer } from "@medusajs/framework/types"
import {
  createApiKeysWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
} from "@medusajs/medusa/core-flows"

/** A publishable key for one sales channel: the headers a storefront sends. */
export async function storefrontHeaders(
  container: MedusaContainer,
  salesChannelId: string
): Promise<Record<string, string>> {
  const {
    result: [key],
  } = await createApiKeysWorkflow(container).run({
    input: {
      api_keys: [{ title: "storefront", type: "publishable", created_by: "" }],
    },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: key.id, add: [salesChannelId] },
  })
  return { "x-publishable-api-key": key.token }
}

/** Rate limits high enough that specs which are not about them never hit them. */
export const RELAXED_SIGNUP_LIMITS = {
  ip_limit: { max: 100_000, window_minutes: 10 },
  email_limit: { max: 100_000, window_minutes: 60 },
}
