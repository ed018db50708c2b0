import { ulidTime } from "../../../../runtime/id-time"
import { newTimeIds } from "../raw"

const ULID_ID = /^aprq_[0-9A-HJKMNP-TV-Z]{26}$/

describe("newTimeIds", () => {
  it("makes <prefix>_<ULID> ids whose time part is the given time", () => {
    const at = Date.UTC(2026, 11, 6, 12, 0, 0, 123)
    const ids = newTimeIds("aprq", 50, at)
    expect(ids).toHaveLength(50)
    for (const id of ids) {
      expect(id).toMatch(ULID_ID)
      expect(id.slice(5, 15)).toBe(ulidTime(at))
    }
  })

  it("gives every id its own random part", () => {
    const ids = newTimeIds("aprq", 1000)
    expect(new Set(ids).size).toBe(1000)
    expect(new Set(ids.map((id) => id.slice(15))).size).toBe(1000)
  })

  it("sorts later ids after earlier ones", () => {
    const [early] = newTimeIds("aprq", 1, 1_000_000)
    const [late] = newTimeIds("aprq", 1, 1_000_001)
    expect(early < late).toBe(true)
  })

  it("makes nothing for a count of zero", () => {
    expect(newTimeIds("aprq", 0)).toEqual([])
  })
})
