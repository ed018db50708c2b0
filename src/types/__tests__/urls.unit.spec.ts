import { safeHttpUrl } from "../urls"

describe("safeHttpUrl", () => {
  it.each([
    [
      "https://track.example.com/p/1Z999?lang=en",
      "https://track.example.com/p/1Z999?lang=en",
    ],
    ["http://carrier.example/t/123", "http://carrier.example/t/123"],
    ["  HTTPS://Track.Example.com/x  ", "https://track.example.com/x"],
  ])("keeps the http(s) link %j", (url, expected) => {
    expect(safeHttpUrl(url)).toBe(expected)
  })

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\u0000javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.com/x",
    "//evil.example/x",
    "/relative/path",
    "track.example.com/x",
    "https://user:pass@evil.example/",
    "https://",
    "",
    "   ",
    `https://example.com/${"a".repeat(2048)}`,
  ])("refuses %j", (url) => {
    expect(safeHttpUrl(url)).toBeNull()
  })

  it.each([null, undefined, 42, {}, ["https://example.com"]])(
    "refuses the non-string %j",
    (value) => {
      expect(safeHttpUrl(value)).toBeNull()
    }
  )
})
