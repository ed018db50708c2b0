import {
  checkChangeRatio,
  diffStock,
  formatPercent,
  type MatchedRow,
  parseQuantity,
  resolveRows,
} from "../changes"
import { parseCsv, parseJson } from "../feed"

const LOCATIONS = {
  location_map: { BER: "sloc_ber", HAM: "sloc_ham" },
  default_location_id: "sloc_main",
}

describe("parseQuantity", () => {
  it.each([
    [0, 0],
    [12, 12],
    ["7", 7],
    [" 08 ", 8],
  ])("accepts %p", (raw, expected) => {
    expect(parseQuantity(raw)).toBe(expected)
  })

  it.each([
    -1,
    1.5,
    NaN,
    Infinity,
    "",
    "-3",
    "1.0",
    "1e3",
    "1,000",
    "ten",
    null,
    undefined,
    true,
    {},
  ])("refuses %p", (raw) => {
    expect(parseQuantity(raw)).toBeNull()
  })
})

describe("resolveRows", () => {
  it("maps locations, falls back to the default and reports malformed rows", () => {
    const rows = parseCsv(
      [
        "sku,quantity,location",
        "A,4,BER",
        "B,2,",
        ",3,BER",
        "C,x,HAM",
        "D,1,MUC",
        "A,5,BER",
        "A,6,HAM",
        "E,-1,NOWHERE",
      ].join("\n")
    )
    const { rows: resolved, malformed } = resolveRows(rows, LOCATIONS)
    expect(resolved).toEqual([
      { row: 1, sku: "A", quantity: 4, location_id: "sloc_ber" },
      { row: 2, sku: "B", quantity: 2, location_id: "sloc_main" },
      { row: 7, sku: "A", quantity: 6, location_id: "sloc_ham" },
    ])
    expect(malformed).toEqual([
      { row: 3, sku: "", reason: "sku is empty" },
      {
        row: 4,
        sku: "C",
        reason: 'quantity "x" is not a non-negative integer',
      },
      {
        row: 5,
        sku: "D",
        reason: 'unknown location "MUC" (not in location_map)',
      },
      {
        row: 6,
        sku: "A",
        reason: "duplicate of row 1 (same sku and location)",
      },
      {
        row: 8,
        sku: "E",
        reason:
          'quantity "-1" is not a non-negative integer; unknown location "NOWHERE" (not in location_map)',
      },
    ])
  })

  it("needs default_location_id for rows without a location", () => {
    const { rows, malformed } = resolveRows(parseCsv("sku,quantity\nA,1"), {
      location_map: {},
    })
    expect(rows).toEqual([])
    expect(malformed[0].reason).toBe("no location and no default_location_id")
  })

  it("never takes a location code from the object prototype", () => {
    const { malformed } = resolveRows(
      parseCsv("sku,quantity,location\nA,1,constructor"),
      LOCATIONS
    )
    expect(malformed).toHaveLength(1)
  })

  it("passes on rows that could not be read, and a missing JSON quantity", () => {
    const { malformed } = resolveRows(
      parseJson('[{"sku":"A"}, 5, {"sku":"B","quantity":1}]'),
      LOCATIONS
    )
    expect(malformed).toEqual([
      { row: 1, sku: "A", reason: "quantity is missing" },
      {
        row: 2,
        sku: "",
        reason: expect.stringMatching(/^is not an object; sku is empty/),
      },
    ])
  })
})

describe("diffStock", () => {
  const row = (sku: string, quantity: number, stocked: number): MatchedRow => ({
    row: 1,
    sku,
    quantity,
    location_id: "sloc_main",
    inventory_item_id: `iitem_${sku}`,
    stocked_quantity: stocked,
  })

  it("keeps the rows whose quantity differs, with from and to", () => {
    const { changes, unchanged } = diffStock([
      row("A", 5, 5),
      row("B", 0, 7),
      row("C", 9, 2),
    ])
    expect(unchanged.map((r) => r.sku)).toEqual(["A"])
    expect(changes).toEqual([
      expect.objectContaining({
        sku: "B",
        inventory_item_id: "iitem_B",
        from_quantity: 7,
        to_quantity: 0,
      }),
      expect.objectContaining({ sku: "C", from_quantity: 2, to_quantity: 9 }),
    ])
  })
})

describe("checkChangeRatio", () => {
  const skus = Array.from({ length: 20 }, (_, i) => `S${i}`)
  const changing = (n: number) => skus.slice(0, n).map((sku) => ({ sku }))

  it("allows up to the ratio, inclusive", () => {
    const verdict = checkChangeRatio(skus, changing(4), 0.2)
    expect(verdict).toMatchObject({
      allowed: true,
      distinct_skus: 20,
      changed_skus: 4,
      message: "4 of 20 SKUs (20 %) would change",
    })
  })

  it("refuses above it, with a clear message", () => {
    const verdict = checkChangeRatio(skus, changing(7), 0.2)
    expect(verdict.allowed).toBe(false)
    expect(verdict.message).toBe(
      "refused: 7 of 20 SKUs (35 %) would change, more than max_change_ratio 20 %"
    )
  })

  it("counts a SKU once however many of its locations change", () => {
    const verdict = checkChangeRatio(
      ["A", "A", "B", "C", "D", "E"],
      [{ sku: "A" }, { sku: "A" }],
      0.2
    )
    expect(verdict).toMatchObject({
      allowed: true,
      distinct_skus: 5,
      changed_skus: 1,
    })
  })

  it("handles the extremes: ratio 0, ratio 1 and an empty feed", () => {
    expect(checkChangeRatio(skus, [], 0).allowed).toBe(true)
    expect(checkChangeRatio(skus, changing(1), 0).allowed).toBe(false)
    expect(checkChangeRatio(skus, changing(20), 1).allowed).toBe(true)
    expect(checkChangeRatio([], [], 0.2)).toMatchObject({
      allowed: true,
      ratio: 0,
    })
  })

  it("formats shares", () => {
    expect(formatPercent(1 / 3)).toBe("33.3 %")
    expect(formatPercent(0.35)).toBe("35 %")
  })
})
