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
  it("neutralises every formula trigger: = + - @ tab and carriage return", () => {
    expect(csvCell("=1+1")).toBe("'=1+1")
    expect(csvCell("+1+cmd")).toBe("'+1+cmd")
    expect(csvCell("-x")).toBe("'-x")
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)")
    expect(csvCell("\t=1")).toBe("'\t=1")
    // Quoted as well: a carriage return is a line break in CSV.
    expect(csvCell("\r=1")).toBe('"\'\r=1"')
  })
  it("guards a string that starts like a negative number but is a formula", () => {
    expect(csvCell("-1+cmd|' /C calc'!A0")).toBe("'-1+cmd|' /C calc'!A0")
    expect(csvCell("-2-3")).toBe("'-2-3")
    expect(csvCell("+1")).toBe("'+1")
  })
  it("writes numbers as numbers", () => {
    expect(csvCell(-1)).toBe("-1")
    expect(csvCell(-0.5)).toBe("-0.5")
    expect(csvCell(42)).toBe("42")
    expect(csvLine(["-1", -1])).toBe("'-1,-1\n")
  })
  it("joins a line", () => {
    expect(csvLine(["a", 1, null])).toBe("a,1,\n")
  })
})
