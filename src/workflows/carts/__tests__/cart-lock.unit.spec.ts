import { asValue } from "@medusajs/framework/awilix"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createMedusaContainer, Modules } from "@medusajs/framework/utils"
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import { lockCarts } from "../utils/cart-lock"

/** Medusa's default locking provider, standing in for the Locking module. */
function containerWithLocks() {
  const locking = new InMemoryLockingProvider()
  const container = createMedusaContainer()
  container.register({ [Modules.LOCKING]: asValue(locking) })
  return { container: container as MedusaContainer, locking }
}

describe("lockCarts", () => {
  it("holds every free cart on its id, the key Medusa's cart workflows lock, until released", async () => {
    const { container, locking } = containerWithLocks()
    const locks = await lockCarts(container, ["cart_1", "cart_2", "cart_1"])
    expect([...locks.held].sort()).toEqual(["cart_1", "cart_2"])
    // What `acquireLockStep({ key: cart_id })` does in completeCartWorkflow.
    await expect(locking.acquire("cart_1", { expire: 120 })).rejects.toThrow()
    await locks.release()
    await expect(
      locking.acquire("cart_1", { expire: 120 })
    ).resolves.toBeUndefined()
  })

  it("leaves out a cart a workflow holds, keeps the others, and never frees the workflow's lock", async () => {
    const { container, locking } = containerWithLocks()
    await locking.acquire("cart_2", { expire: 120 })
    const locks = await lockCarts(container, ["cart_1", "cart_2", "cart_3"])
    expect([...locks.held].sort()).toEqual(["cart_1", "cart_3"])
    await locks.release()
    // The workflow still holds its cart; ours are free again.
    await expect(locking.acquire("cart_2", { expire: 120 })).rejects.toThrow()
    await expect(
      locking.acquire(["cart_1", "cart_3"], { ownerId: "other" })
    ).resolves.toBeUndefined()
  })

  it("takes nothing for no carts", async () => {
    const { container } = containerWithLocks()
    const locks = await lockCarts(container, [])
    expect(locks.held.size).toBe(0)
    await expect(locks.release()).resolves.toBeUndefined()
  })
})
