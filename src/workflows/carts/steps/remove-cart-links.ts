import type { ILinkModule, MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
  Modules,
} from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { deleteCartLinkRows } from "../../../lib/sql/links"
import { existingCartIds } from "../utils/carts"

export type RemoveCartLinksStepInput = { cart_ids: string[] }

export const removeCartLinksStepId = "remove-cart-links"

/**
 * The link tables Medusa 2.21 writes for a cart, apart from `order_cart`
 * (a cart with an order is never pruned): its payment collection and its
 * promotions.
 */
export const CART_LINKS = [
  {
    module: Modules.PAYMENT,
    key: "payment_collection_id",
    table: "cart_payment_collection",
  },
  { module: Modules.PROMOTION, key: "promotion_id", table: "cart_promotion" },
] as const

/**
 * Link tables whose module hard delete failed in this process (the bug
 * `lib/sql/links.ts` works around): later batches go straight to the
 * workaround instead of sending a statement known to fail.
 */
const linkDeleteBroken = new Set<string>()

type LinkRow = { module: string; key: string; cart_id: string; other: string }

function linkModule(
  container: MedusaContainer,
  module: string,
  key: string
): ILinkModule {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const service = link.getLinkModule(Modules.CART, "cart_id", module, key)
  if (!service) {
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      `no link module between the cart and ${module}.${key}`
    )
  }
  return service as unknown as ILinkModule
}

/**
 * Deletes the cart's link rows (payment collection, promotions) for good,
 * dismissed ones included, through each link's module service — `dismiss`
 * and the Link service's `delete` only set `deleted_at`. (Medusa 2.21.2's
 * hard delete there fails; then `lib/sql/links.ts` runs its statement.)
 * Rollback: recreates the live links of carts that still exist.
 *
 * @example
 * removeCartLinksStep({ cart_ids: ["cart_123"] })
 */
export const removeCartLinksStep = createStep(
  removeCartLinksStepId,
  async (input: RemoveCartLinksStepInput, { container }) => {
    const removed: LinkRow[] = []
    if (!input.cart_ids.length) return new StepResponse({ removed: 0 }, [])
    for (const { module, key, table } of CART_LINKS) {
      const service = linkModule(container, module, key)
      const live = (await service.list(
        { cart_id: input.cart_ids },
        { take: null }
      )) as Record<string, string>[]
      for (const row of live) {
        removed.push({ module, key, cart_id: row.cart_id, other: row[key] })
      }
      if (linkDeleteBroken.has(table)) {
        await deleteCartLinkRows(container, table, input.cart_ids)
        continue
      }
      await service.delete({ cart_id: input.cart_ids }).catch(async (e) => {
        // Medusa 2.21.2's link delete is broken (see lib/sql/links.ts).
        if (!/syntax error/.test((e as Error).message)) throw e
        linkDeleteBroken.add(table)
        await deleteCartLinkRows(container, table, input.cart_ids)
      })
    }
    return new StepResponse({ removed: removed.length }, removed)
  },
  async (removed, { container }) => {
    if (!removed?.length) return
    const alive = await existingCartIds(
      container,
      removed.map((r) => r.cart_id)
    )
    const restore = removed.filter((r) => alive.has(r.cart_id))
    if (!restore.length) return
    await container.resolve(ContainerRegistrationKeys.LINK).create(
      restore.map((r) => ({
        [Modules.CART]: { cart_id: r.cart_id },
        [r.module]: { [r.key]: r.other },
      }))
    )
  }
)
