import { csvCell, csvLine } from "../csv"

describe("csv", () => {
  it("quotes cells with commas, quotes and line breaks", () => {
    expect(csvCell('a,"b"\nc')).toBe('"a,""b""\nc"')
    expect(csvCell(null)).toBe("")
    expect(csvCell(12.5)).toBe("12.5")
  })
  it("keeps formula-like text as text, but not negative numbers", () => {
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)")
    expect(csvCell("@x")).toBe("'@x")
    expect(csvCell(-3)).toBe("-3")
  })
  it("joins a line", () => {
    expect(csvLine(["a", 1, null])).toBe("a,1,\n")
  })
})
