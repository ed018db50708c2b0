import type { MedusaContainer } from "@medusajs/framework/types"
import { recordCartActivityFeed } from "../utils/activity-feed"

/**
 * The feed's coalescing, on a stand-in for the autopilot module service
 * (only `recordCartActivity`, whose statement the modules and http tiers
 * test): each call's batch is recorded and finishes when the test says so.
 */
function fakeShop() {
  const batches: string[][] = []
  const finish: ((error?: Error) => void)[] = []
  const service = {
    recordCartActivity: (ids: string[]) => {
      batches.push(ids)
      return new Promise<void>((resolve, reject) =>
        finish.push((e) => (e ? reject(e) : resolve()))
      )
    },
  }
  const container = {
    resolve: () => service,
  } as unknown as MedusaContainer
  return { container, batches, finish }
}

const turn = () => new Promise((r) => setImmediate(r))

describe("recordCartActivityFeed", () => {
  it("writes a lone cart at once and resolves when its row is written", async () => {
    const shop = fakeShop()
    let done = false
    const p = recordCartActivityFeed(shop.container, "cart_1").then(
      () => (done = true)
    )
    await turn()
    expect(shop.batches).toEqual([["cart_1"]])
    expect(done).toBe(false)
    shop.finish[0]()
    await p
    expect(done).toBe(true)
  })

  it("puts the events of one turn in one statement, each cart once", async () => {
    const shop = fakeShop()
    const all = [
      recordCartActivityFeed(shop.container, "cart_1"),
      recordCartActivityFeed(shop.container, "cart_2"),
      recordCartActivityFeed(shop.container, "cart_1"),
    ]
    await turn()
    expect(shop.batches).toEqual([["cart_1", "cart_2"]])
    shop.finish[0]()
    await Promise.all(all)
  })

  it("coalesces the carts that change while a write is under way into the next one", async () => {
    const shop = fakeShop()
    const first = recordCartActivityFeed(shop.container, "cart_1")
    await turn()
    const later = [
      recordCartActivityFeed(shop.container, "cart_2"),
      recordCartActivityFeed(shop.container, "cart_3"),
      recordCartActivityFeed(shop.container, "cart_2"),
    ]
    await turn()
    expect(shop.batches).toEqual([["cart_1"]])
    shop.finish[0]()
    await first
    await turn()
    expect(shop.batches).toEqual([["cart_1"], ["cart_2", "cart_3"]])
    shop.finish[1]()
    await Promise.all(later)
  })

  it("rejects the events of a failed write; the next write goes on", async () => {
    const shop = fakeShop()
    const failed = recordCartActivityFeed(shop.container, "cart_1")
    await turn()
    const next = recordCartActivityFeed(shop.container, "cart_2")
    shop.finish[0](new Error("database down"))
    await expect(failed).rejects.toThrow("database down")
    await turn()
    expect(shop.batches[1]).toEqual(["cart_2"])
    shop.finish[1]()
    await expect(next).resolves.toBeUndefined()
  })

  it("writes at most 500 carts per statement", async () => {
    const shop = fakeShop()
    const all = Array.from({ length: 501 }, (_, i) =>
      recordCartActivityFeed(shop.container, `cart_${i}`)
    )
    await turn()
    expect(shop.batches[0]).toHaveLength(500)
    shop.finish[0]()
    await turn()
    await turn()
    expect(shop.batches[1]).toEqual(["cart_500"])
    shop.finish[1]()
    await Promise.all(all)
  })

  it("keeps shops (containers) apart", async () => {
    const a = fakeShop()
    const b = fakeShop()
    const all = [
      recordCartActivityFeed(a.container, "cart_a"),
      recordCartActivityFeed(b.container, "cart_b"),
    ]
    await turn()
    expect(a.batches).toEqual([["cart_a"]])
    expect(b.batches).toEqual([["cart_b"]])
    a.finish[0]()
    b.finish[0]()
    await Promise.all(all)
  })
})
