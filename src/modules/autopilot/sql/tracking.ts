import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { MedusaError } from "@medusajs/framework/utils"
import { newId, rawRows } from "./raw"

/**
 * The shipment-tracking job's writes, one statement per group of parcels
 * instead of one ORM unit of work per row: what a group of carrier answers
 * reads (the parcels with the keys of the events they already hold), and
 * what it writes (the new events, each parcel's changed fields).
 */

/** A parcel as recording an update reads it, with its known event keys. */
export type ShipmentForUpdate = {
  id: string
  status: string
  progress_status: string
  raw_status: string | null
  raw_message: string | null
  last_event_at: Date | null
  last_checked_at: Date | null
  next_check_at: Date | null
  started_at: Date
  delivered_at: Date | null
  delivered_marked_at: Date | null
  tracking_url: string | null
  carrier: string | null
  estimated_delivery_at: Date | null
  lateness: "delayed" | "stalled" | null
  late_since: Date | null
  last_carrier_event_at: Date | null
  notify_pending: boolean
  order_id: string | null
  fulfillment_id: string
  tracking_number: string
  no_notification: boolean
  notified: Record<string, string> | null
  last_error: string | null
  /** `dedupe_key` of every event stored for it (empty without `withKeys`). */
  known_keys: string[]
}

/** A new event row (the id is made here). */
export type ShipmentEventInsert = {
  shipment_id: string
  status: string
  raw_status: string | null
  message: string | null
  location: string | null
  occurred_at: Date
  source: string
  applied: boolean
  dedupe_key: string
}

/**
 * The columns a patch may write, with their SQL types. A patch writes only
 * the keys it has; a key it lacks keeps the column's value.
 */
const PATCHABLE: Record<string, string> = {
  status: "text",
  progress_status: "text",
  raw_status: "text",
  raw_message: "text",
  carrier: "text",
  tracking_url: "text",
  last_error: "text",
  lateness: "text",
  last_event_at: "timestamptz",
  last_checked_at: "timestamptz",
  next_check_at: "timestamptz",
  delivered_at: "timestamptz",
  delivered_marked_at: "timestamptz",
  estimated_delivery_at: "timestamptz",
  late_since: "timestamptz",
  last_carrier_event_at: "timestamptz",
  notify_pending: "boolean",
  no_notification: "boolean",
  notified: "jsonb",
}

/** One parcel's fields to write: `id` plus any of {@link PATCHABLE}. */
export type ShipmentPatchRow = { id: string } & Record<string, unknown>

const COLUMNS = Object.keys(PATCHABLE)

/** Each column's value after the patch: the patch's when it names it. */
const NEW_VALUES = Object.entries(PATCHABLE)
  .map(([column, type]) => {
    const value =
      type === "jsonb"
        ? `nullif(p.v->'${column}', 'null'::jsonb)`
        : `(p.v->>'${column}')::${type}`
    // `\?` is jsonb's key-exists operator, escaped from knex's bindings.
    return `case when p.v \\? '${column}' then ${value} else s.${column} end as ${column}`
  })
  .join(",\n              ")

/**
 * Parcels by id, with `withKeys` the dedupe keys of their stored events,
 * in one statement (the events' unique index serves the lookup).
 */
export async function readShipmentsForUpdate(
  manager: SqlEntityManager,
  ids: string[],
  withKeys = true
): Promise<ShipmentForUpdate[]> {
  if (!ids.length) return []
  const keys = withKeys
    ? `(select array_agg(e.dedupe_key) from autopilot_shipment_event e
         where e.shipment_id = s.id and e.deleted_at is null)`
    : "null::text[]"
  return rawRows<ShipmentForUpdate>(
    manager,
    `select s.id, s.status, s.progress_status, s.raw_status, s.raw_message,
            s.last_event_at, s.last_checked_at, s.next_check_at, s.started_at,
            s.delivered_at, s.delivered_marked_at, s.tracking_url, s.carrier,
            s.estimated_delivery_at, s.lateness, s.late_since,
            s.last_carrier_event_at, s.notify_pending, s.order_id,
            s.fulfillment_id, s.tracking_number, s.no_notification,
            s.notified, s.last_error,
            coalesce(${keys}, '{}'::text[]) as known_keys
       from autopilot_tracked_shipment s
      where s.id = any(?) and s.deleted_at is null`,
    [ids]
  )
}

/**
 * Stores new events in one statement; an event whose key the parcel holds
 * already (a replay that raced this one) is skipped. Returns the ids stored.
 */
export async function insertShipmentEvents(
  manager: SqlEntityManager,
  events: ShipmentEventInsert[]
): Promise<string[]> {
  if (!events.length) return []
  const rows = await rawRows<{ id: string }>(
    manager,
    `insert into autopilot_shipment_event
       (id, shipment_id, status, raw_status, message, location, occurred_at,
        source, applied, dedupe_key)
     select x.id, x.shipment_id, x.status, x.raw_status, x.message, x.location,
            x.occurred_at, x.source, x.applied, x.dedupe_key
       from jsonb_to_recordset(?::jsonb) as x(
         id text, shipment_id text, status text, raw_status text, message text,
         location text, occurred_at timestamptz, source text, applied boolean,
         dedupe_key text)
     on conflict (shipment_id, dedupe_key) where deleted_at is null do nothing
     returning id`,
    [JSON.stringify(events.map((e) => ({ id: newId("apsev"), ...e })))]
  )
  return rows.map((r) => r.id)
}

/**
 * Writes each parcel's own fields in one statement: only the keys a patch
 * has, so a field another writer changed meanwhile (a message marked sent)
 * is not overwritten with a stale value; a parcel the patch does not
 * change is not written at all. Returns how many rows it wrote.
 */
export async function patchTrackedShipments(
  manager: SqlEntityManager,
  patches: ShipmentPatchRow[]
): Promise<number> {
  if (!patches.length) return 0
  for (const patch of patches) {
    for (const key of Object.keys(patch)) {
      if (key !== "id" && !(key in PATCHABLE)) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `autopilot_tracked_shipment.${key} is not patchable`
        )
      }
    }
  }
  // A row whose values do not change is not written (its updated_at
  // stays), as the ORM's unit of work would not write it either.
  const rows = await rawRows<{ id: string }>(
    manager,
    `with n as (
       select s.id,
              ${NEW_VALUES}
         from autopilot_tracked_shipment s
         join jsonb_array_elements(?::jsonb) p(v) on s.id = p.v->>'id'
        where s.deleted_at is null
     )
     update autopilot_tracked_shipment s set
       ${COLUMNS.map((c) => `${c} = n.${c}`).join(", ")},
       updated_at = now()
       from n
      where s.id = n.id
        and (${COLUMNS.map((c) => `s.${c}`).join(", ")})
            is distinct from (${COLUMNS.map((c) => `n.${c}`).join(", ")})
     returning s.id`,
    [JSON.stringify(patches)]
  )
  return rows.length
}
