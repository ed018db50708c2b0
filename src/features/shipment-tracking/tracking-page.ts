/**
 * The storefront's parcel tracking page: the link each shipment message
 * carries (a random token, only its hash stored) and what the page shows.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { now } from "../../runtime/clock"
import { autopilotService } from "../../runtime/settings"
import {
  issueToken,
  resolveToken,
  type TokenPurpose,
} from "../../runtime/tokens"
import type { NotifyInput } from "../../runtime/types"
import type {
  ShipmentStatus,
  StoreShipment,
  StoreShipmentStatusResponse,
} from "../../types/shipments"
import { safeHttpUrl } from "../../types/urls"

const DAY = 86_400_000

/** How long a tracking link keeps working after the parcel stopped being followed. */
export const TRACKING_LINK_GRACE_DAYS = 14

/** The purpose of a tracking link's token; its subject is a tracked shipment's id. */
const PURPOSE = "shipment_status" satisfies TokenPurpose
/**
 * Before migration 20261206030000 added `shipment_status`, tracking links
 * were issued as `restock_alert` tokens (a purpose no route redeems) told
 * apart by their `apship_` subject. Those links sit in messages already
 * sent and stay valid until they expire (at most `max_tracking_days` + the
 * grace period), so the status routes still accept them.
 */
const LEGACY_PURPOSE = "restock_alert" satisfies TokenPurpose
const SUBJECT_PREFIX = "apship_"

/** Statuses after which a parcel is no longer followed. */
const ENDED: ShipmentStatus[] = ["delivered", "returned_to_sender", "expired"]

type Parcel = {
  id: string
  order_id: string | null
  carrier: string | null
  tracking_number: string
  tracking_url: string | null
  status: ShipmentStatus
  raw_message: string | null
  started_at: Date | string
  delivered_at: Date | string | null
  estimated_delivery_at?: Date | string | null
  last_event_at: Date | string | null
  updated_at: Date | string
}

const ms = (d: Date | string) => new Date(d).getTime()

/** The storefront link of a token: `storefrontUrl` + `tracking_page_path`, `<token>` replaced. */
export function trackingPageUrl(
  storefrontUrl: string,
  path: string,
  token: string
): string {
  return `${storefrontUrl.replace(/\/$/, "")}${path.replace("<token>", token)}`
}

/**
 * Issues the token of a parcel's tracking link, valid while the parcel can
 * be followed (`max_tracking_days` from shipping) plus the grace period;
 * once it is delivered or returned, only the grace period from then (see
 * {@link stillValid}).
 */
export async function issueTrackingLink(
  container: MedusaContainer,
  shipment: { id: string; started_at: Date | string },
  options: { max_tracking_days: number; tracking_page_path: string }
): Promise<{ tracking_token: string; tracking_page_url: string }> {
  const until =
    ms(shipment.started_at) +
    (options.max_tracking_days + TRACKING_LINK_GRACE_DAYS) * DAY
  const ttl = Math.max(DAY, until - now().getTime())
  const token = await issueToken(container, PURPOSE, shipment.id, ttl)
  const { storefrontUrl } = await autopilotService(container).getOptions()
  return {
    tracking_token: token,
    tracking_page_url: trackingPageUrl(
      storefrontUrl,
      options.tracking_page_path,
      token
    ),
  }
}

/**
 * Puts the tracking page's link (`tracking_page_url`, `tracking_token`) into
 * the customer's messages among `steps` — one token for all of them — and
 * none into the merchant's. Nothing is issued on a dry run or when no
 * customer message goes out.
 */
export async function addTrackingLinks(
  container: MedusaContainer,
  shipment: { id: string; started_at: Date | string },
  options: { max_tracking_days: number; tracking_page_path: string },
  steps: ({ kind: "skip" } | { kind: "send"; message: NotifyInput })[],
  dryRun = false
): Promise<void> {
  const customer = steps.flatMap((s) =>
    s.kind === "send" && !s.message.name.startsWith("autopilot.merchant.")
      ? [s.message]
      : []
  )
  if (!customer.length || dryRun) return
  const link = await issueTrackingLink(container, shipment, options)
  for (const message of customer) Object.assign(message.data, link)
}

/** Whether a link still shows a parcel: always while followed, then for the grace period. */
export function stillValid(parcel: Parcel, at: Date): boolean {
  if (!ENDED.includes(parcel.status)) return true
  const ended = parcel.delivered_at ?? parcel.last_event_at ?? parcel.updated_at
  return at.getTime() <= ms(ended) + TRACKING_LINK_GRACE_DAYS * DAY
}

type OrderRow = {
  id: string
  display_id: number | null
  email: string | null
  sales_channel_id: string | null
}

async function ordersWhere(
  container: MedusaContainer,
  filters: Record<string, unknown>
): Promise<OrderRow[]> {
  const { data } = await container
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({
      entity: "order",
      fields: ["id", "display_id", "email", "sales_channel_id"],
      filters,
    })
  return data as OrderRow[]
}

const inChannels = (order: OrderRow | undefined, channels: string[]) =>
  !!order?.sales_channel_id && channels.includes(order.sales_channel_id)

/** The parcels as a tracking page shows them, with their carrier events. */
async function view(
  container: MedusaContainer,
  shown: Parcel[],
  all: Parcel[],
  order: OrderRow | undefined
): Promise<StoreShipmentStatusResponse<Date>> {
  const events = shown.length
    ? await autopilotService(container).listShipmentEvents(
        { shipment_id: shown.map((p) => p.id) },
        { order: { occurred_at: "ASC", id: "ASC" }, take: null }
      )
    : []
  const shipments: StoreShipment<Date>[] = shown.map((p) => ({
    status: p.status,
    carrier: p.carrier,
    tracking_number: p.tracking_number,
    tracking_url: safeHttpUrl(p.tracking_url),
    status_message: p.raw_message,
    checkpoints: events
      // The plugin's own events (expiry) are no carrier checkpoints.
      .filter((e) => e.shipment_id === p.id && e.source !== "system")
      .map((e) => ({
        time: new Date(e.occurred_at),
        status: e.status,
        description: e.message,
        place: e.location,
      })),
    // The carrier's latest estimate; none once the parcel is delivered.
    estimated_delivery:
      p.estimated_delivery_at && p.status !== "delivered"
        ? new Date(p.estimated_delivery_at)
        : null,
    delivered_at: p.delivered_at ? new Date(p.delivered_at) : null,
    parcel: {
      index: all.findIndex((a) => a.id === p.id) + 1 || 1,
      total: all.length || 1,
    },
  }))
  return { order_display_id: order?.display_id ?? null, shipments }
}

async function parcelsOf(container: MedusaContainer, orderId: string) {
  return (await autopilotService(container).listTrackedShipments(
    { order_id: orderId },
    { order: { created_at: "ASC", id: "ASC" }, take: null }
  )) as unknown as Parcel[]
}

/**
 * The parcel of a tracking link, or null — one answer for an unknown,
 * expired or foreign token: a token that does not name a tracked parcel,
 * whose validity ended, or whose order is of another sales channel than
 * the asking storefront's.
 */
export async function shipmentByToken(
  container: MedusaContainer,
  token: string,
  salesChannelIds: string[]
): Promise<StoreShipmentStatusResponse<Date> | null> {
  const found =
    (await resolveToken(container, PURPOSE, token)) ??
    (await resolveToken(container, LEGACY_PURPOSE, token))
  if (!found || !found.subject_id.startsWith(SUBJECT_PREFIX)) return null
  const [parcel] = (await autopilotService(container).listTrackedShipments({
    id: found.subject_id,
  })) as unknown as Parcel[]
  if (!parcel?.order_id || !stillValid(parcel, now())) return null
  const [order] = await ordersWhere(container, { id: parcel.order_id })
  if (!inChannels(order, salesChannelIds)) return null
  return view(
    container,
    [parcel],
    await parcelsOf(container, parcel.order_id),
    order
  )
}

/**
 * The parcels of an order found by its number and its email (compared
 * case-insensitively), or null — one answer for an unknown order, a wrong
 * email and another storefront's order. The same single read in every case.
 */
export async function shipmentsByOrder(
  container: MedusaContainer,
  displayId: number,
  email: string,
  salesChannelIds: string[]
): Promise<StoreShipmentStatusResponse<Date> | null> {
  const orders = await ordersWhere(container, { display_id: displayId })
  const wanted = email.trim().toLowerCase()
  const order = orders.find(
    (o) => (o.email ?? "").trim().toLowerCase() === wanted
  )
  if (!order || !inChannels(order, salesChannelIds)) return null
  const parcels = await parcelsOf(container, order.id)
  return view(container, parcels, parcels, order)
}
