// `medusa exec ./integration-tests/multi/seed.ts` for the multi-instance
// tier: a shop with a sold-out variant and SUBSCRIBERS back-in-stock
// signups for it (MULTI_SEED_SUBSCRIBERS, default 30). Writes the ids the
// test needs as JSON to MULTI_SEED_OUTPUT.
import { writeFile } from "node:fs/promises"
import type { ExecArgs } from "@medusajs/framework/types"
import { autopilotService } from "../../src/runtime/settings"
import { createRestockSubscriptionWorkflow } from "../../src/workflows/restock"
import { createShopFixture } from "../helpers/shop-fixture"

export const SUBSCRIBERS = 30
/** Up to this many signups go through the workflow, more in bulk. */
const THROUGH_WORKFLOW = 100

export type MultiSeed = {
  variantId: string
  inventoryItemId: string
  locationId: string
  salesChannelId: string
  emails: string[]
}

export default async function seedMulti({ container }: ExecArgs) {
  const output = process.env.MULTI_SEED_OUTPUT
  if (!output) throw new Error("MULTI_SEED_OUTPUT must name the output file")
  const count = Number(process.env.MULTI_SEED_SUBSCRIBERS || SUBSCRIBERS)
  const shop = await createShopFixture(container, 0) // sold out
  const emails: string[] = []
  if (count > THROUGH_WORKFLOW) {
    // Many signups: straight through the module service, in one go (the
    // workflow, one by one, is too slow for hundreds).
    const start = Date.now() - count * 1000
    for (let i = 0; i < count; i++) {
      emails.push(`waiting.shopper.${i}@example.com`)
    }
    await autopilotService(container).createRestockSubscriptions(
      emails.map((email, i) => ({
        variant_id: shop.variantId,
        sales_channel_id: shop.salesChannelId,
        email,
        customer_id: null,
        locale: null,
        status: "active" as const,
        active_since: new Date(start + i * 1000),
      }))
    )
  }
  for (let i = 0; i < count && count <= THROUGH_WORKFLOW; i++) {
    const email = `waiting.shopper.${i}@example.com`
    await createRestockSubscriptionWorkflow(container).run({
      input: {
        variant_id: shop.variantId,
        sales_channel_id: shop.salesChannelId,
        email,
        customer_id: null,
        locale: null,
        double_opt_in: false,
      },
    })
    emails.push(email)
  }
  const seed: MultiSeed = {
    variantId: shop.variantId,
    inventoryItemId: shop.inventoryItemId,
    locationId: shop.locationId,
    salesChannelId: shop.salesChannelId,
    emails,
  }
  await writeFile(output, JSON.stringify(seed))
}
