import { FeedError, parseCsv, parseFeed, parseJson, splitCsv } from "../feed"

describe("splitCsv", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks", () => {
    const text =
      'sku,quantity,location\r\n"TEE, RED",5,BER\n"SAY ""HI""",7,\n"TWO\nLINES", 3 ,HAM'
    expect(splitCsv(text)).toEqual([
      ["sku", "quantity", "location"],
      ["TEE, RED", "5", "BER"],
      ['SAY "HI"', "7", ""],
      ["TWO\nLINES", "3", "HAM"],
    ])
  })

  it("skips blank lines, a byte order mark and spaces around quoted fields", () => {
    const text = '\uFEFFsku,quantity\n\n  "A" , 1\n   \nB,2\n'
    expect(splitCsv(text)).toEqual([
      ["sku", "quantity"],
      ["A", "1"],
      ["B", "2"],
    ])
  })

  it("keeps an empty quoted field and a stray quote inside an unquoted one", () => {
    expect(splitCsv('a,"",b"c')).toEqual([["a", "", 'b"c']])
  })

  it("refuses a quote that is never closed", () => {
    expect(() => splitCsv('sku,quantity\n"A,1\nB,2\n')).toThrow(
      /quoted field opened on line 2 is never closed/
    )
  })
})

describe("parseCsv", () => {
  it("maps columns by the header, in any order and case", () => {
    const rows = parseCsv("Location,QUANTITY,sku,note\nBER,4,A,x\n,0,B,\n")
    expect(rows).toEqual([
      { row: 1, sku: "A", quantity: "4", location: "BER" },
      { row: 2, sku: "B", quantity: "0", location: null },
    ])
  })

  it("works without a location column", () => {
    expect(parseCsv("sku,quantity\nA,4")).toEqual([
      { row: 1, sku: "A", quantity: "4", location: null },
    ])
  })

  it("flags a row with more fields than the header (an unquoted comma)", () => {
    const [row] = parseCsv("sku,quantity\nA,1,000\n")
    expect(row.problem).toMatch(/3 fields, the header has 2/)
  })

  it("refuses a body without a sku,quantity header", () => {
    expect(() => parseCsv("<html><body>Bad gateway</body></html>")).toThrow(
      FeedError
    )
    expect(() => parseCsv("id,stock\n1,2")).toThrow(
      /must name the columns sku and quantity; got "id,stock"/
    )
    expect(() => parseCsv("\n\n")).toThrow(/empty/)
  })
})

describe("parseJson", () => {
  it("reads an array of rows", () => {
    const rows = parseJson(
      JSON.stringify([
        { sku: "A", quantity: 3, location: "BER" },
        { sku: " B ", quantity: "4" },
        { sku: 1234, quantity: 0, location: null },
      ])
    )
    expect(rows).toEqual([
      { row: 1, sku: "A", quantity: 3, location: "BER" },
      { row: 2, sku: "B", quantity: "4", location: null },
      { row: 3, sku: "1234", quantity: 0, location: null },
    ])
  })

  it("reads { items: [...] }", () => {
    expect(parseJson('{"items":[{"sku":"A","quantity":1}]}')).toEqual([
      { row: 1, sku: "A", quantity: 1, location: null },
    ])
  })

  it("flags items that are not rows", () => {
    const rows = parseJson(
      '[1, null, ["A", 1], {"sku":"A","quantity":1,"location":{}}]'
    )
    expect(rows.map((r) => r.problem)).toEqual([
      "is not an object",
      "is not an object",
      "is not an object",
      "location is not a string",
    ])
  })

  it("refuses invalid JSON and other shapes", () => {
    expect(() => parseJson('{"items": [')).toThrow(/^JSON: /)
    expect(() => parseJson('{"rows": []}')).toThrow(/expected an array/)
    expect(() => parseJson('"A,1"')).toThrow(FeedError)
  })
})

describe("parseFeed", () => {
  const csv = "sku,quantity\nA,1\n"
  const json = '[{"sku":"A","quantity":1}]'

  it("goes by the content type in auto mode", () => {
    expect(parseFeed(json, "auto", "application/json; charset=utf-8")).toEqual({
      format: "json",
      rows: [expect.objectContaining({ sku: "A" })],
    })
    expect(parseFeed(csv, "auto", "text/csv").format).toBe("csv")
    // A JSON content type with a CSV body is an error, not a guess.
    expect(() => parseFeed(csv, "auto", "application/json")).toThrow(/^JSON/)
  })

  it("tries JSON, then CSV, without a telling content type", () => {
    expect(parseFeed(json, "auto", "text/plain").format).toBe("json")
    expect(parseFeed(csv, "auto", "application/octet-stream").format).toBe(
      "csv"
    )
    expect(parseFeed(csv, "auto", null).format).toBe("csv")
    expect(() => parseFeed("garbage", "auto", "text/plain")).toThrow(
      /neither JSON nor CSV/
    )
  })

  it("uses the configured format whatever the content type says", () => {
    expect(parseFeed(csv, "csv", "application/json").format).toBe("csv")
    expect(() => parseFeed(csv, "json", "text/csv")).toThrow(FeedError)
  })
})
