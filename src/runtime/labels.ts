import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { EntityLabel } from "../types"
import { autopilotService } from "./settings"

/**
 * Names for ids, as the Medusa admin shows them: an order's display id, a
 * customer's or user's email, a product and variant title (or SKU), a
 * location's name, an API key's title. The plugin's own rows (findings,
 * restock signups, parcels, payment recoveries, leads) are named after what
 * they refer to. Everything is read in batches: one query per kind of id.
 *
 * An id that cannot be named (deleted, or of a kind the admin has no name
 * for) is left out of the answer; callers fall back to a generic word.
 */

import { type Kind, KINDS, money, type Row, str } from "./label-kinds"

export { variantName } from "./label-kinds"

const ID = /^([a-z]+)_[0-9A-Za-z]{16,}$/

/** The prefix of an id (`order` of `order_01…`), or null when it is not one. */
export function idPrefix(id: string): string | null {
  return ID.exec(id)?.[1] ?? null
}

/** Whether a text still shows a raw record id. */
export function looksLikeId(text: string): boolean {
  return /\b[a-z]+_[0-9A-Z]{20,}\b/.test(text)
}

type Composite = (
  name: (id: string | null | undefined) => EntityLabel | undefined
) => EntityLabel | undefined

const at = (
  id: string,
  item: EntityLabel | undefined,
  place: EntityLabel | undefined,
  itemText?: string | null
): EntityLabel | undefined => {
  const what = item?.label ?? itemText
  if (!what) return undefined
  return {
    id,
    label: place ? `${what} at ${place.label}` : what,
    href: item?.href ?? null,
  }
}

/** The plugin's rows, named after the Medusa records they refer to. */
async function pluginRows(
  container: MedusaContainer,
  ids: string[]
): Promise<{ composites: Map<string, Composite>; refs: string[] }> {
  const service = autopilotService(container)
  const composites = new Map<string, Composite>()
  const refs: string[] = []
  const byPrefix = (p: string) => ids.filter((id) => idPrefix(id) === p)
  const want = (...xs: (string | null | undefined)[]) =>
    xs.forEach((x) => x && refs.push(x))
  const safe = async <T>(
    wanted: string[],
    read: () => Promise<T[]>
  ): Promise<T[]> => {
    if (!wanted.length) return []
    try {
      return await read()
    } catch {
      return []
    }
  }

  const findings = byPrefix("apinv")
  for (const f of await safe(findings, () =>
    service.listInventoryFindings({ id: findings }, { take: null })
  )) {
    want(f.inventory_item_id, f.location_id, f.order_id)
    const sku = (f.details as { sku?: string } | null)?.sku
    composites.set(f.id, (name) =>
      at(
        f.id,
        name(f.inventory_item_id),
        name(f.location_id),
        sku ?? name(f.order_id)?.label
      )
    )
  }
  const signups = byPrefix("aprs")
  for (const s of await safe(signups, () =>
    service.listRestockSubscriptions({ id: signups }, { take: null })
  )) {
    const row = s as unknown as Row
    const variantId = str(row.variant_id)
    const email = str(row.email)
    want(variantId)
    composites.set(s.id, (name) => {
      const v = name(variantId)
      const label = [email, v?.label].filter(Boolean).join(" for ")
      return label ? { id: s.id, label, href: v?.href ?? null } : undefined
    })
  }
  const parcels = byPrefix("apship")
  for (const p of await safe(parcels, () =>
    service.listTrackedShipments({ id: parcels }, { take: null })
  )) {
    want(p.order_id)
    composites.set(p.id, (name) => {
      const order = name(p.order_id)
      return {
        id: p.id,
        label: `parcel ${p.tracking_number}${order ? ` of order ${order.label}` : ""}`,
        href: order?.href ?? null,
      }
    })
  }
  const recoveries = byPrefix("aprec")
  for (const r of await safe(recoveries, () =>
    service.listPaymentRecoveries({ id: recoveries }, { take: null })
  )) {
    want(r.order_id)
    const m = money(r.amount, r.currency_code)
    composites.set(r.id, (name) => {
      const order = name(r.order_id)
      const of = order
        ? ` for order ${order.label}`
        : r.email
          ? ` by ${r.email}`
          : ""
      return {
        id: r.id,
        label: `${m ? `payment of ${m}` : "a payment"}${of}`,
        href: order?.href ?? null,
      }
    })
  }
  const leads = byPrefix("apcl")
  for (const l of await safe(leads, () =>
    service.listCartLeads({ id: leads }, { take: null })
  )) {
    want(l.customer_id)
    composites.set(l.id, (name) => {
      const customer = name(l.customer_id)
      const label = l.email ?? customer?.label
      return label
        ? { id: l.id, label: `lead ${label}`, href: customer?.href ?? null }
        : undefined
    })
  }
  return { composites, refs }
}

/** Reads the Medusa records among `ids`, one query per kind. */
async function medusaRecords(
  container: MedusaContainer,
  ids: string[]
): Promise<Map<string, { kind: Kind; row: Row }>> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const groups = new Map<string, string[]>()
  for (const id of new Set(ids)) {
    const p = idPrefix(id)
    if (p && KINDS[p]) groups.set(p, [...(groups.get(p) ?? []), id])
  }
  const found = new Map<string, { kind: Kind; row: Row }>()
  await Promise.all(
    [...groups].map(async ([prefix, group]) => {
      const kind = KINDS[prefix]
      try {
        const { data } = await query.graph({
          entity: kind.entity,
          fields: kind.fields,
          filters: { id: group },
        })
        for (const row of data as Row[]) {
          found.set(row.id as string, { kind, row })
        }
      } catch {
        // A module the shop does not run, or a link it lacks: left unnamed.
      }
    })
  )
  return found
}

/**
 * Names every id among `ids` it can. An id may be composite,
 * `<item>@<location>` (an inventory item or SKU at a location), as some
 * jobs record the things they touch.
 */
export async function resolveLabels(
  container: MedusaContainer,
  ids: Iterable<string | null | undefined>
): Promise<Map<string, EntityLabel>> {
  const wanted = [...new Set([...ids].filter((x): x is string => !!x))]
  const parts = wanted.flatMap((id) => id.split("@"))
  const { composites, refs } = await pluginRows(container, parts)
  const first = await medusaRecords(container, [...parts, ...refs])
  // Reservations name their item and location: a second, small pass.
  const reservationRefs: string[] = []
  for (const { kind, row } of first.values()) {
    if (kind === KINDS.resitem) {
      reservationRefs.push(row.inventory_item_id as string)
      reservationRefs.push(row.location_id as string)
    }
  }
  const second = reservationRefs.length
    ? await medusaRecords(
        container,
        reservationRefs.filter((r) => r && !first.has(r))
      )
    : new Map()
  const records = new Map([...first, ...second])

  const labels = new Map<string, EntityLabel>()
  const name = (id: string | null | undefined): EntityLabel | undefined => {
    if (!id) return undefined
    if (labels.has(id)) return labels.get(id)
    const composite = composites.get(id)
    if (composite) {
      const l = composite(name)
      if (l) labels.set(id, l)
      return l
    }
    const record = records.get(id)
    if (!record) return undefined
    const { kind, row } = record
    let l: EntityLabel | undefined
    if (kind === KINDS.resitem) {
      const r = at(
        id,
        name(row.inventory_item_id as string),
        name(row.location_id as string)
      )
      l = r && { ...r, label: `reservation of ${r.label}` }
    } else {
      const text = kind.label(row)
      l = text ? { id, label: text, href: kind.href(row) } : undefined
    }
    if (l) labels.set(id, l)
    return l
  }
  for (const id of wanted) {
    if (!id.includes("@")) {
      name(id)
      continue
    }
    const [left, right] = id.split("@")
    const place = name(right)
    const item = idPrefix(left) ? name(left) : undefined
    // `<sku>@<location>`: the SKU is the merchant's own word for it.
    const l = at(id, item, place, idPrefix(left) ? null : left)
    if (l) labels.set(id, l)
  }
  return labels
}

/**
 * Names the ids in these fields of each row, as `labels` next to them:
 * `{ order_id: { id, label: "#1001", href: "/orders/order_01…" } }`.
 */
export async function withFieldLabels<T extends object>(
  container: MedusaContainer,
  rows: T[],
  fields: (keyof T & string)[]
): Promise<(T & { labels: Record<string, EntityLabel> })[]> {
  const ids = rows.flatMap((r) =>
    fields.map((f) => (r as Record<string, unknown>)[f] as string | null)
  )
  const names = await resolveLabels(container, ids)
  return rows.map((r) => {
    const labels: Record<string, EntityLabel> = {}
    for (const f of fields) {
      const id = (r as Record<string, unknown>)[f]
      const l = typeof id === "string" ? names.get(id) : undefined
      if (l) labels[f] = l
    }
    return { ...r, labels }
  })
}

const ID_IN_TEXT = /(@?)\b([a-z]+_[0-9A-Za-z]{16,})\b/g

/** The ids written into a free text (a run's note). */
export function idsInText(text: string): string[] {
  return [...text.matchAll(ID_IN_TEXT)].map((m) => m[2])
}

/**
 * A text with the ids in it replaced by their names: `TEE-L@sloc_01…`
 * becomes `TEE-L at European Warehouse`. Ids without a name stay.
 */
export function nameIdsInText(
  text: string,
  names: Map<string, EntityLabel>
): string {
  return text.replace(ID_IN_TEXT, (whole, at: string, id: string) => {
    const name = names.get(id)
    if (!name) return whole
    return at ? ` at ${name.label}` : name.label
  })
}
