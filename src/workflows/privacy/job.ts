import type { JobHandler } from "../../runtime/types"
import { enforceRetention } from "./retention"

/**
 * The `cart-pruning` run until cart pruning itself lands: retention only.
 * The cart-pruning handler replaces this and calls `enforceRetention(ctx)`
 * after pruning carts.
 */
export const retentionOnlyCartPruningJob: JobHandler = async (ctx) => {
  ctx.note("cart pruning itself lands with the cart jobs; retention enforced")
  await enforceRetention(ctx)
}
