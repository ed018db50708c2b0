import { lowStockDigest } from "../digest"
import type { LowStockVariant } from "../types"

const v = (variant_id: string, available: number): LowStockVariant => ({
  variant_id,
  sku: null,
  title: variant_id,
  available,
  threshold: 5,
})

describe("lowStockDigest", () => {
  it("lists the lowest availability first, then by variant id", () => {
    const { variants } = lowStockDigest([v("b", 3), v("c", 1), v("a", 3)])
    expect(variants.map((x) => x.variant_id)).toEqual(["c", "a", "b"])
  })

  it("keys the same list the same way, in any order", () => {
    const { key } = lowStockDigest([v("a", 3), v("b", 1)])
    expect(key).toMatch(/^low-stock:[0-9a-f]{24}$/)
    expect(lowStockDigest([v("b", 1), v("a", 3)]).key).toBe(key)
  })

  it("keys a changed list differently", () => {
    const { key } = lowStockDigest([v("a", 3)])
    expect(lowStockDigest([v("a", 2)]).key).not.toBe(key)
    expect(lowStockDigest([v("a", 3), v("b", 3)]).key).not.toBe(key)
  })

  it("leaves the given list as it was", () => {
    const given = [v("b", 3), v("a", 1)]
    lowStockDigest(given)
    expect(given.map((x) => x.variant_id)).toEqual(["b", "a"])
  })
})
