import type { EntityLabel } from "../../types"
import { idPrefix, idsInText, nameIdsInText, variantName } from "../labels"

const LOC = "sloc_01M94WCAAS9HTHBKMFWQKR966F"
const ITEM = "iitem_01M94WCBBDQ3ZV5G6H19Q5PKM8"

describe("idPrefix", () => {
  it("reads a record id's prefix", () => {
    expect(idPrefix(LOC)).toBe("sloc")
    expect(idPrefix("payses_01M94WCAAS9HTHBKMFWQKR966F")).toBe("payses")
  })

  it("is null for what is not an id", () => {
    expect(idPrefix("order_test")).toBeNull()
    expect(idPrefix("TEE-L")).toBeNull()
  })
})

describe("variantName", () => {
  it("joins the product and variant titles", () => {
    expect(
      variantName({ title: "L", sku: "TEE-L", product: { title: "Tee" } })
    ).toBe("Tee · L")
  })

  it("takes the SKU when the variant has no title", () => {
    expect(variantName({ sku: "TEE-L", product: { title: "Tee" } })).toBe(
      "Tee · TEE-L"
    )
  })

  it("does not repeat a title the variant shares with its product", () => {
    expect(variantName({ title: "Mug", product: { title: "Mug" } })).toBe("Mug")
  })
})

describe("naming the ids in a note", () => {
  const names = new Map<string, EntityLabel>([
    [LOC, { id: LOC, label: "European Warehouse", href: null }],
  ])

  it("finds the ids", () => {
    expect(idsInText(`set: TEE-L@${LOC}: 3 → 5, ${ITEM}`)).toEqual([LOC, ITEM])
  })

  it("names a location after an @ as 'at' it", () => {
    expect(nameIdsInText(`set: TEE-L@${LOC}: 3 → 5`, names)).toBe(
      "set: TEE-L at European Warehouse: 3 → 5"
    )
  })

  it("names a bare id and leaves one it cannot name", () => {
    expect(nameIdsInText(`${LOC} and ${ITEM}`, names)).toBe(
      `European Warehouse and ${ITEM}`
    )
  })
})
