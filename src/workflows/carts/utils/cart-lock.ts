import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

/**
 * How long a cart lock taken by {@link lockCarts} lives if its holder dies
 * before releasing it, in seconds (Medusa's `completeCartWorkflow` uses the
 * same).
 */
export const CART_LOCK_TTL_S = 120

export type CartLocks = {
  /** The carts now held; the others are held by someone else. */
  held: Set<string>
  /** Gives back every lock taken. */
  release(): Promise<void>
}

/**
 * Takes the lock of each cart that is free, on the key Medusa 2.21's own
 * cart workflows lock a cart with: the cart id itself
 * (`acquireLockStep({ key: cart_id })` in `completeCartWorkflow`,
 * `addToCartWorkflow`, `updateCartWorkflow`,
 * `createPaymentCollectionForCartWorkflow`, `processPaymentWorkflow`, …).
 * While a cart is held, those workflows wait for it (and give up after their
 * timeout); a cart one of them holds is not waited for: it is being changed,
 * and is left out of `held`.
 *
 * All keys are asked for in one call first (one round trip with the Redis
 * provider); if one is taken, the keys this call got are given back and each
 * is asked for on its own. Every lock is taken with an owner id of its own,
 * so releasing never frees a lock someone else holds.
 *
 * @example
 * const locks = await lockCarts(container, ["cart_1", "cart_2"])
 * try { … locks.held … } finally { await locks.release() }
 */
export async function lockCarts(
  container: MedusaContainer,
  cartIds: string[],
  { ttlSeconds = CART_LOCK_TTL_S }: { ttlSeconds?: number } = {}
): Promise<CartLocks> {
  const locking = container.resolve(Modules.LOCKING)
  const ownerId = `autopilot:cart-pruning:${process.pid}:${Math.random()
    .toString(36)
    .slice(2)}`
  const keys = [...new Set(cartIds)]
  const args = { ownerId, expire: ttlSeconds }
  let held: Set<string>
  try {
    if (keys.length) await locking.acquire(keys, args)
    held = new Set(keys)
  } catch {
    // Providers take keys one after the other: give back what this call got.
    await locking.release(keys, { ownerId }).catch(() => undefined)
    const got = await Promise.all(
      keys.map((key) =>
        locking.acquire(key, args).then(
          () => key,
          () => null
        )
      )
    )
    held = new Set(got.filter((k): k is string => k !== null))
  }
  return {
    held,
    release: async () => {
      if (held.size) await locking.release([...held], { ownerId })
    },
  }
}
