import { idPage, idRangeBetween, ulidTime } from "../id-time"

describe("id ranges by creation time", () => {
  it("encodes time like a ULID: known value and order preserved", () => {
    // the ULID spec's example: 1469918176385 → 01ARYZ6S41
    expect(ulidTime(1469918176385)).toBe("01ARYZ6S41")
    expect(ulidTime(0)).toBe("0000000000")
    const a = ulidTime(Date.UTC(2026, 0, 1))
    const b = ulidTime(Date.UTC(2026, 0, 1, 0, 0, 0, 1))
    expect(a < b).toBe(true)
  })

  it("brackets ids created inside the window and excludes those outside", () => {
    const at = Date.UTC(2026, 10, 27, 12)
    const id = (ms: number) => `payses_${ulidTime(ms)}ABCDEFGHJKMNPQRS`
    const range = idRangeBetween(
      id(at),
      new Date(at - 48 * 3600_000),
      new Date(at - 10 * 60_000)
    )!
    const inside = (x: string) => x >= range.$gte && x <= range.$lte
    expect(inside(id(at - 24 * 3600_000))).toBe(true)
    expect(inside(id(at - 10 * 60_000))).toBe(true)
    // outside by more than the one-hour clock margin
    expect(inside(id(at - 50 * 3600_000))).toBe(false)
    expect(inside(id(at + 2 * 3600_000))).toBe(false)
    // another entity's ids are never inside
    expect(inside(`pay_${ulidTime(at - 3600_000)}ABCDEFGHJKMNPQRS`)).toBe(false)
  })

  it("gives no range for ids that are not prefixed ULIDs", () => {
    expect(idRangeBetween("imported-123", new Date(), new Date())).toBeNull()
    expect(idPage(null, null)).toEqual({})
    expect(idPage(null, "x")).toEqual({ id: { $gt: "x" } })
    expect(idPage({ $gte: "a", $lte: "b" }, "x")).toEqual({
      id: { $gte: "a", $lte: "b", $gt: "x" },
    })
  })
})
