import { createHash } from "node:crypto"
import { merchantAlertsOn } from "../../runtime/merchant-webhooks"
import { autopilotService } from "../../runtime/settings"
import type { RunContext } from "../../runtime/types"
import type { InventoryReconciliationOptions, LowStockVariant } from "./types"

/** At most this many variants are listed in one digest. */
export const DIGEST_LIMIT = 200

/**
 * The digest's list, lowest availability first (then by variant id), and
 * its key: a hash of the variants and their availability, so an unchanged
 * list gets the same key and is not sent again.
 */
export function lowStockDigest(lowStock: LowStockVariant[]): {
  variants: LowStockVariant[]
  key: string
} {
  const variants = [...lowStock].sort(
    (a, b) =>
      a.available - b.available || a.variant_id.localeCompare(b.variant_id)
  )
  const hash = createHash("sha256")
    .update(JSON.stringify(variants.map((v) => [v.variant_id, v.available])))
    .digest("hex")
    .slice(0, 24)
  return { variants, key: `low-stock:${hash}` }
}

/**
 * Sends the merchant one low-stock digest, keyed by its list. Without a
 * merchant email the variants are only listed in the run's summary.
 */
export async function sendLowStockDigest(
  ctx: RunContext<InventoryReconciliationOptions>,
  lowStock: LowStockVariant[]
) {
  if (!lowStock.length) return
  const { variants, key } = lowStockDigest(lowStock)
  ctx.note(
    variants.length === 1
      ? "1 variant below its low-stock threshold"
      : `${variants.length} variants below their low-stock threshold`
  )
  const options = await autopilotService(ctx.container).getOptions()
  if (!merchantAlertsOn(options)) {
    variants.forEach((v) => ctx.changed("low-stock", v.variant_id))
    return
  }
  // Keyed by the list itself: an unchanged list is not sent again.
  await ctx.notify({
    name: "autopilot.merchant.low_stock",
    // Empty: webhooks only (see `merchantWebhooks`).
    to: options.merchantEmail ?? "",
    idempotencyKey: key,
    itemId: key,
    data: {
      subject: `${variants.length} variants are running low`,
      variants: variants.slice(0, DIGEST_LIMIT),
      total: variants.length,
    },
  })
}
