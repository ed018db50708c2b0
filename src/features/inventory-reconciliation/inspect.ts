/**
 * The decisions of `inventory-reconciliation`, with no I/O: the job reads
 * levels, reservations, variants and orders (facts.ts); what is wrong with
 * them is decided here.
 */
import { createHash } from "node:crypto"
import type {
  DetectedFinding,
  InventoryReconciliationOptions,
  ItemFacts,
  LevelRow,
  LowStockVariant,
  ReservationFacts,
  VariantRow,
} from "./types"

const n = (v: unknown) => Number(v ?? 0)

/** The identity of a state: type, ids and the values that make it wrong. */
export function fingerprint(f: DetectedFinding): string {
  const ids = [f.inventory_item_id, f.location_id, f.reservation_id ?? ""].join(
    "/"
  )
  const seen = JSON.stringify(f.details.before ?? {})
  return createHash("sha256")
    .update(`${f.type}|${ids}|${seen}`)
    .digest("hex")
    .slice(0, 40)
}

/** Sum of reservation quantities per `item/location`. */
function reservedSums(reservations: ItemFacts["reservations"]) {
  const sums = new Map<string, number>()
  for (const r of reservations) {
    const key = `${r.inventory_item_id}/${r.location_id}`
    sums.set(key, (sums.get(key) ?? 0) + n(r.quantity))
  }
  return sums
}

/**
 * What is wrong with one level: its reserved quantity differs from the sum
 * of its reservations; its stock is negative; more is reserved than stocked
 * while backorders are not allowed; stock sits at a location no sales
 * channel sells from.
 */
export function inspectLevel(
  level: LevelRow,
  facts: {
    reservationsSum: number
    allowsBackorder: boolean
    soldFromLocation: boolean
  },
  modes: Pick<InventoryReconciliationOptions["modes"], "reserved_drift">
): DetectedFinding[] {
  const stocked = n(level.stocked_quantity)
  const reserved = n(level.reserved_quantity)
  const sum = facts.reservationsSum
  const ids = {
    inventory_item_id: level.inventory_item_id,
    location_id: level.location_id,
  }
  const findings: DetectedFinding[] = []
  if (reserved !== sum) {
    findings.push({
      type: "reserved_drift",
      mode: modes.reserved_drift,
      ...ids,
      details: {
        before: { reserved_quantity: reserved, reservations_sum: sum },
        description: `reserved ${reserved}, but the reservations add up to ${sum}`,
      },
    })
  }
  if (stocked < 0) {
    findings.push({
      type: "negative_stock",
      mode: "report",
      ...ids,
      details: {
        before: { stocked_quantity: stocked },
        description: `stocked ${stocked}`,
      },
    })
  }
  if (reserved > stocked && stocked >= 0 && !facts.allowsBackorder) {
    findings.push({
      type: "overreserved",
      mode: "report",
      ...ids,
      details: {
        before: { stocked_quantity: stocked, reserved_quantity: reserved },
        description: `reserved ${reserved} of ${stocked} in stock, and backorders are not allowed`,
      },
    })
  }
  if (stocked > 0 && !facts.soldFromLocation) {
    findings.push({
      type: "unused_location_stock",
      mode: "report",
      ...ids,
      details: {
        before: { stocked_quantity: stocked },
        description: `${stocked} in stock at a location no sales channel sells from`,
      },
    })
  }
  return findings
}

/**
 * Findings on the levels of a batch of inventory items (see
 * {@link inspectLevel}), and the variants whose available quantity (stocked
 * minus reserved at the locations sales channels sell from, divided by the
 * units a variant needs) is below their threshold: the variant's
 * `metadata.autopilot_low_stock_threshold`, else `low_stock_threshold`; 0
 * or less turns the check off. Variants that do not manage inventory are
 * never low.
 */
export function inspectItems(
  facts: ItemFacts,
  options: Pick<InventoryReconciliationOptions, "modes" | "low_stock_threshold">
): { findings: DetectedFinding[]; lowStock: LowStockVariant[] } {
  const sums = reservedSums(facts.reservations)
  const variants = new Map(facts.variants.map((v) => [v.id, v]))
  const variantsOfItem = new Map<string, VariantRow[]>()
  for (const l of facts.links) {
    const v = variants.get(l.variant_id)
    if (v)
      variantsOfItem.set(l.inventory_item_id, [
        ...(variantsOfItem.get(l.inventory_item_id) ?? []),
        v,
      ])
  }

  const findings: DetectedFinding[] = []
  const availableOfItem = new Map<string, number>()
  for (const level of facts.levels) {
    const soldFromLocation = facts.channelLocations.has(level.location_id)
    if (soldFromLocation) {
      availableOfItem.set(
        level.inventory_item_id,
        (availableOfItem.get(level.inventory_item_id) ?? 0) +
          n(level.stocked_quantity) -
          n(level.reserved_quantity)
      )
    }
    findings.push(
      ...inspectLevel(
        level,
        {
          reservationsSum:
            sums.get(`${level.inventory_item_id}/${level.location_id}`) ?? 0,
          allowsBackorder: (
            variantsOfItem.get(level.inventory_item_id) ?? []
          ).some((v) => v.allow_backorder),
          soldFromLocation,
        },
        options.modes
      )
    )
  }

  const lowStock: LowStockVariant[] = []
  for (const l of facts.links) {
    const v = variants.get(l.variant_id)
    if (!v || !v.manage_inventory) continue
    const metaThreshold = Number(v.metadata?.autopilot_low_stock_threshold)
    const threshold = Number.isFinite(metaThreshold)
      ? metaThreshold
      : options.low_stock_threshold
    if (threshold <= 0) continue
    const available = Math.floor(
      (availableOfItem.get(l.inventory_item_id) ?? 0) /
        (l.required_quantity || 1)
    )
    if (available < threshold) {
      lowStock.push({
        variant_id: v.id,
        sku: v.sku,
        title: [v.product?.title, v.title].filter(Boolean).join(" — "),
        available,
        threshold,
      })
    }
  }
  return { findings, lowStock }
}

const ORPHAN_DESCRIPTION = {
  no_order: "the line item is in no order",
  canceled_order: "the order was canceled",
  fulfilled: "the line item is already fulfilled",
} as const

/**
 * Reservations whose line item is in no order (a reverted checkout, once
 * older than `orphan_grace_minutes`), in a canceled order, or already
 * fully fulfilled. Of an order item's versions the newest counts.
 * Reservations without a line item are not judged.
 */
export function inspectReservations(
  facts: ReservationFacts,
  options: Pick<
    InventoryReconciliationOptions,
    "modes" | "orphan_grace_minutes"
  >,
  at: Date
): DetectedFinding[] {
  // Order edits keep older versions of an item: the newest one counts.
  const latest = new Map<
    string,
    {
      order_id: string
      quantity: number
      fulfilled_quantity: number
      version: number
    }
  >()
  for (const row of facts.orderItems) {
    const prev = latest.get(row.item_id)
    if (!prev || row.version > prev.version) {
      latest.set(row.item_id, {
        order_id: row.order_id,
        quantity: n(row.quantity),
        fulfilled_quantity: n(row.fulfilled_quantity),
        version: row.version,
      })
    }
  }
  const canceled = new Set(
    facts.orders
      .filter((o) => o.status === "canceled" || o.canceled_at)
      .map((o) => o.id)
  )
  const grace = options.orphan_grace_minutes * 60_000
  const findings: DetectedFinding[] = []
  for (const r of facts.reservations) {
    if (!r.line_item_id) continue
    const item = latest.get(r.line_item_id)
    let reason: keyof typeof ORPHAN_DESCRIPTION | null = null
    if (!item) {
      // A checkout in progress reserves before its order exists; only an old
      // reservation without an order is a leftover.
      if (at.getTime() - new Date(r.created_at).getTime() > grace)
        reason = "no_order"
    } else if (canceled.has(item.order_id)) {
      reason = "canceled_order"
    } else if (item.fulfilled_quantity >= item.quantity) {
      reason = "fulfilled"
    }
    if (!reason) continue
    findings.push({
      type: "orphaned_reservation",
      mode: options.modes[`orphaned_${reason}`],
      inventory_item_id: r.inventory_item_id,
      location_id: r.location_id,
      reservation_id: r.id,
      line_item_id: r.line_item_id,
      order_id: item?.order_id ?? null,
      details: {
        reason,
        before: { reservation_quantity: n(r.quantity) },
        description: ORPHAN_DESCRIPTION[reason],
      },
    })
  }
  return findings
}
