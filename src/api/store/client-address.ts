import { createHash, timingSafeEqual } from "node:crypto"
import { BlockList, isIP } from "node:net"
import type { MedusaRequest } from "@medusajs/framework/http"

/** The shopper's address, sent by a server-rendered storefront. */
export const CLIENT_IP_HEADER = "x-autopilot-client-ip"
/** The `storefront.secret` option, proving the request is the storefront's. */
export const STOREFRONT_SECRET_HEADER = "x-autopilot-storefront-secret"

export type ClientIpOptions = {
  trusted_proxies: string[]
  trusted_hops: number
}

export type ClientAddress =
  /** An address to count the request against. */
  | { kind: "address"; address: string; from: "socket" | "xff" | "storefront" }
  /** The storefront proved itself but named no shopper: no per-client key. */
  | { kind: "storefront" }
  /** A storefront secret header that does not match. */
  | { kind: "bad-secret" }

/** `::ffff:1.2.3.4` → `1.2.3.4`; anything that is not an IP → null. */
export function normalizeIp(value: string | undefined | null): string | null {
  if (!value) return null
  let ip = value.trim()
  if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.slice(1, -1)
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (mapped) ip = mapped[1]
  return isIP(ip) ? ip.toLowerCase() : null
}

const blockLists = new Map<string, BlockList>()

function trustedList(proxies: string[]): BlockList {
  const id = proxies.join(",")
  let list = blockLists.get(id)
  if (!list) {
    list = new BlockList()
    for (const entry of proxies) {
      const [ip, bits] = entry.split("/")
      const type = isIP(ip) === 6 ? "ipv6" : "ipv4"
      if (bits === undefined) list.addAddress(ip, type)
      else list.addSubnet(ip, Number(bits), type)
    }
    blockLists.set(id, list)
  }
  return list
}

function isTrusted(ip: string, list: BlockList): boolean {
  return list.check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4")
}

function secretMatches(given: string, secret: string): boolean {
  // Digests have one length, so the comparison time says nothing.
  const a = createHash("sha256").update(given).digest()
  const b = createHash("sha256").update(secret).digest()
  return timingSafeEqual(a, b)
}

function header(req: MedusaRequest, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/**
 * The address a request counts against, never Express's `req.ip` (which
 * follows Medusa's `trust proxy` and so believes any `X-Forwarded-For`):
 *
 * - with the storefront secret (`x-autopilot-storefront-secret` equal to
 *   `storefront.secret`): the shopper's address in `x-autopilot-client-ip`,
 *   or no per-client key when it is absent or not an IP;
 * - otherwise the socket's address, walked back through `X-Forwarded-For`
 *   only across proxies the merchant trusts: the first `trusted_hops`
 *   addresses from the socket, and any address in `trusted_proxies`.
 *
 * `x-autopilot-client-ip` without the right secret is ignored.
 */
export function clientAddress(
  req: MedusaRequest,
  options: {
    client_ip: ClientIpOptions
    storefront: { secret: string | null }
  }
): ClientAddress {
  const given = header(req, STOREFRONT_SECRET_HEADER)
  if (given !== undefined && options.storefront.secret) {
    if (!secretMatches(given, options.storefront.secret)) {
      return { kind: "bad-secret" }
    }
    const shopper = normalizeIp(header(req, CLIENT_IP_HEADER))
    return shopper
      ? { kind: "address", address: shopper, from: "storefront" }
      : { kind: "storefront" }
  }
  const socket = normalizeIp(req.socket?.remoteAddress) ?? "unknown"
  const { trusted_hops, trusted_proxies } = options.client_ip
  if (!trusted_hops && !trusted_proxies.length) {
    return { kind: "address", address: socket, from: "socket" }
  }
  const forwarded = (header(req, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .reverse()
  const list = trustedList(trusted_proxies)
  // chain[0] is the socket, then each proxy's claim about its own client.
  const chain = [socket, ...forwarded]
  let i = 0
  while (i < chain.length - 1) {
    const hop = normalizeIp(chain[i])
    const trusted = i < trusted_hops || (hop !== null && isTrusted(hop, list))
    // A trusted proxy's client that is no IP: stop at the proxy.
    if (!trusted || normalizeIp(chain[i + 1]) === null) break
    i++
  }
  const address = normalizeIp(chain[i]) ?? socket
  return { kind: "address", address, from: i === 0 ? "socket" : "xff" }
}

/**
 * What a client address is counted under: an IPv4 address itself, an IPv6
 * address by its /64 — one subscriber's network, where picking a new
 * address costs nothing.
 */
export function clientKey(address: string): string {
  if (isIP(address) !== 6) return address
  const [head, tail] = address.split("::")
  const part = (s: string | undefined) =>
    s
      ? s.split(":").flatMap((h) => {
          if (!h.includes(".")) return [h]
          // An embedded IPv4 address is the last two groups.
          const [a, b, c, d] = h.split(".").map(Number)
          return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)]
        })
      : []
  const left = part(head)
  const right = tail === undefined ? [] : part(tail)
  const groups = [
    ...left,
    ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"),
    ...right,
  ]
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":")}::/64`
}
