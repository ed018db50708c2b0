import { Modules } from "@medusajs/framework/utils"
import { autopilotService } from "../../runtime/settings"
import type { RunContext } from "../../runtime/types"
import { cleanupAction } from "../../workflows/carts/utils/discount"
import { removeCartDiscountsWorkflow } from "../../workflows/carts/workflows/remove-cart-discounts"

/** Codes looked at per batch. */
const BATCH = 200

type CodeRow = {
  id: string
  cart_id: string
  promotion_code: string | null
  promotion_expires_at: Date | string | null
}

/**
 * Cleans up the single-use discount codes of cart reminders: a code that
 * expired unused, or whose cart became an order without it, has its
 * promotion and campaign deleted (`removeCartDiscountsWorkflow`); a code an
 * order used keeps its promotion (Medusa's record of that order's
 * discount) and is only marked done. Expired codes first, then the live
 * codes of carts that ordered. Batched, within the run's time budget; a
 * dry run deletes nothing and reports the first batch.
 *
 * Counted as `removed-discount-code` ("Deleted N expired or unused
 * discount codes") and `kept-used-discount-code`.
 *
 * @example
 * await cleanUpDiscountCodes(ctx)
 */
export async function cleanUpDiscountCodes(ctx: RunContext): Promise<void> {
  const service = autopilotService(ctx.container)
  const now = ctx.now()
  const open = {
    promotion_code: { $ne: null },
    promotion_removed_at: null,
  }
  // Expired: every batch is marked done, so the next read moves on.
  for (;;) {
    if (ctx.timeLeft() <= 0) return
    const rows = (await service.listCartReminders(
      { ...open, promotion_expires_at: { $lte: now } } as never,
      { order: { promotion_expires_at: "ASC", id: "ASC" }, take: BATCH }
    )) as CodeRow[]
    if (!rows.length) break
    if (!(await handle(ctx, rows, new Set(), now))) return
    if (ctx.dryRun || rows.length < BATCH) break
  }
  // Still live, but the cart became an order (with another code or none).
  let after = ""
  for (;;) {
    if (ctx.timeLeft() <= 0) return
    const rows = (await service.listCartReminders(
      {
        ...open,
        promotion_expires_at: { $gt: now },
        ...(after ? { id: { $gt: after } } : {}),
      } as never,
      { order: { id: "ASC" }, take: BATCH }
    )) as CodeRow[]
    if (!rows.length) break
    after = rows[rows.length - 1].id
    const ordered = await service.listCartActivities(
      { cart_id: rows.map((r) => r.cart_id), state: "completed" } as never,
      { select: ["cart_id"] }
    )
    const done = new Set(ordered.map((a) => a.cart_id))
    const handled = await handle(
      ctx,
      rows.filter((r) => done.has(r.cart_id)),
      done,
      now
    )
    if (!handled || rows.length < BATCH) break
  }
}

/** Deletes or finishes one batch of codes; false when the workflow failed (noted). */
async function handle(
  ctx: RunContext,
  rows: CodeRow[],
  orderedCarts: Set<string>,
  now: Date
): Promise<boolean> {
  if (!rows.length) return true
  const promotions = await ctx.container
    .resolve(Modules.PROMOTION)
    .listPromotions(
      { code: rows.map((r) => r.promotion_code!) },
      { select: ["id", "code", "used", "campaign_id"] }
    )
  const byCode = new Map(promotions.map((p) => [p.code!, p]))
  const toDelete: { row: CodeRow; id: string; campaign: string | null }[] = []
  const finished: string[] = []
  for (const row of rows) {
    const promotion = byCode.get(row.promotion_code!)
    const action = cleanupAction(
      {
        expires_at: row.promotion_expires_at
          ? new Date(row.promotion_expires_at)
          : null,
        cart_ordered: orderedCarts.has(row.cart_id),
      },
      promotion ? { used: Number(promotion.used ?? 0) } : null,
      now
    )
    if (action === "delete") {
      toDelete.push({
        row,
        id: promotion!.id,
        campaign: promotion!.campaign_id ?? null,
      })
    } else if (action === "done") {
      finished.push(row.id)
      if (promotion) ctx.changed("kept-used-discount-code", row.cart_id)
    }
  }
  if (ctx.dryRun) {
    for (const d of toDelete) {
      ctx.changed("would-remove-discount-code", d.row.cart_id)
    }
    return true
  }
  const { errors } = await removeCartDiscountsWorkflow(ctx.container).run({
    input: {
      reminder_ids: [...toDelete.map((d) => d.row.id), ...finished],
      promotion_ids: toDelete.map((d) => d.id),
      campaign_ids: toDelete
        .map((d) => d.campaign)
        .filter((c): c is string => !!c),
      removed_at: now,
    },
    throwOnError: false,
  })
  if (errors?.length) {
    // Rolled back: the codes stay as they were, for the next run.
    ctx.note(
      `Discount codes not cleaned up: ${errors[0].error?.message ?? "unknown error"}`
    )
    return false
  }
  for (const d of toDelete) ctx.changed("removed-discount-code", d.row.cart_id)
  return true
}
