import type { MedusaRequest } from "@medusajs/framework/http"
import { clientAddress, clientKey, normalizeIp } from "../client-address"

const SECRET = "s".repeat(32)

function request(
  socket: string,
  headers: Record<string, string> = {}
): MedusaRequest {
  return {
    socket: { remoteAddress: socket },
    headers,
    // What Express would answer under Medusa's `trust proxy` 1: never used.
    ip: headers["x-forwarded-for"] ?? socket,
  } as unknown as MedusaRequest
}

const options = (
  client_ip: { trusted_proxies?: string[]; trusted_hops?: number } = {},
  secret: string | null = null
) => ({
  client_ip: {
    trusted_proxies: client_ip.trusted_proxies ?? [],
    trusted_hops: client_ip.trusted_hops ?? 0,
  },
  storefront: { secret },
})

describe("clientAddress", () => {
  it("is the socket's address by default, whatever X-Forwarded-For says", () => {
    expect(
      clientAddress(
        request("::ffff:10.0.0.5", { "x-forwarded-for": "203.0.113.99" }),
        options()
      )
    ).toEqual({ kind: "address", address: "10.0.0.5", from: "socket" })
  })

  it("walks X-Forwarded-For back across trusted_hops only", () => {
    const req = request("10.0.0.5", {
      "x-forwarded-for": "198.51.100.7, 203.0.113.99",
    })
    expect(clientAddress(req, options({ trusted_hops: 1 }))).toEqual({
      kind: "address",
      address: "203.0.113.99",
      from: "xff",
    })
    expect(clientAddress(req, options({ trusted_hops: 2 })).kind).toBe(
      "address"
    )
    expect(clientAddress(req, options({ trusted_hops: 2 }))).toMatchObject({
      address: "198.51.100.7",
    })
    // More hops than entries: the leftmost claim.
    expect(clientAddress(req, options({ trusted_hops: 5 }))).toMatchObject({
      address: "198.51.100.7",
    })
  })

  it("walks back across trusted_proxies (addresses and CIDRs) and stops at the first stranger", () => {
    const req = request("10.0.0.5", {
      "x-forwarded-for": "198.51.100.7, 192.0.2.1, 172.16.3.4",
    })
    expect(
      clientAddress(req, options({ trusted_proxies: ["10.0.0.0/8"] }))
    ).toMatchObject({ address: "172.16.3.4" })
    expect(
      clientAddress(
        req,
        options({ trusted_proxies: ["10.0.0.0/8", "172.16.0.0/12"] })
      )
    ).toMatchObject({ address: "192.0.2.1" })
    // An untrusted socket: X-Forwarded-For is not read at all.
    expect(
      clientAddress(req, options({ trusted_proxies: ["172.16.0.0/12"] }))
    ).toMatchObject({ address: "10.0.0.5", from: "socket" })
  })

  it("stops at the proxy when what it forwarded is no IP address", () => {
    const req = request("10.0.0.5", { "x-forwarded-for": "not-an-ip" })
    expect(clientAddress(req, options({ trusted_hops: 1 }))).toMatchObject({
      address: "10.0.0.5",
    })
  })

  it("takes the storefront's client-ip header only with the right secret", () => {
    const shopper = { "x-autopilot-client-ip": "203.0.113.8" }
    expect(
      clientAddress(
        request("10.0.0.5", {
          ...shopper,
          "x-autopilot-storefront-secret": SECRET,
        }),
        options({}, SECRET)
      )
    ).toEqual({ kind: "address", address: "203.0.113.8", from: "storefront" })
    // No secret sent, or none configured: the header is ignored.
    expect(
      clientAddress(request("10.0.0.5", shopper), options({}, SECRET))
    ).toMatchObject({ address: "10.0.0.5" })
    expect(
      clientAddress(
        request("10.0.0.5", {
          ...shopper,
          "x-autopilot-storefront-secret": SECRET,
        }),
        options()
      )
    ).toMatchObject({ address: "10.0.0.5" })
    // A wrong secret is reported, not ignored.
    expect(
      clientAddress(
        request("10.0.0.5", {
          ...shopper,
          "x-autopilot-storefront-secret": SECRET + "x",
        }),
        options({}, SECRET)
      )
    ).toEqual({ kind: "bad-secret" })
    // The right secret without a (valid) shopper address: no per-client key.
    expect(
      clientAddress(
        request("10.0.0.5", {
          "x-autopilot-client-ip": "nonsense",
          "x-autopilot-storefront-secret": SECRET,
        }),
        options({}, SECRET)
      )
    ).toEqual({ kind: "storefront" })
  })
})

describe("normalizeIp", () => {
  it("unmaps IPv4-mapped IPv6 and refuses what is not an address", () => {
    expect(normalizeIp("::ffff:127.0.0.1")).toBe("127.0.0.1")
    expect(normalizeIp("[2001:DB8::1]")).toBe("2001:db8::1")
    expect(normalizeIp("203.0.113.1:443")).toBeNull()
    expect(normalizeIp("")).toBeNull()
    expect(normalizeIp(undefined)).toBeNull()
  })
})

describe("clientKey", () => {
  it("counts IPv4 by address and IPv6 by its /64", () => {
    expect(clientKey("203.0.113.7")).toBe("203.0.113.7")
    expect(clientKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe(
      "2001:db8:1:2::/64"
    )
    expect(clientKey("2001:db8:1:2::5")).toBe("2001:db8:1:2::/64")
    expect(clientKey("2001:db8::1")).toBe("2001:db8:0:0::/64")
    expect(clientKey("::1")).toBe("0:0:0:0::/64")
    expect(clientKey("::")).toBe("0:0:0:0::/64")
    expect(clientKey("64:ff9b::192.0.2.1")).toBe("64:ff9b:0:0::/64")
    expect(clientKey("2001:0DB8:0001:0002::")).toBe("2001:db8:1:2::/64")
    // Two addresses of one /64 share a key; the next /64 does not.
    expect(clientKey("2001:db8:1:2::1")).toBe(clientKey("2001:db8:1:2:ffff::9"))
    expect(clientKey("2001:db8:1:3::1")).not.toBe(clientKey("2001:db8:1:2::1"))
  })
})
