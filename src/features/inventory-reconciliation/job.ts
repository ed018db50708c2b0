import type { JobOptions } from "../../catalog/jobs"
import { createHash } from "node:crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
  Modules,
} from "@medusajs/framework/utils"
import { deleteReservationsWorkflow } from "@medusajs/medusa/core-flows"
import { forEachBatch } from "../../runtime/batching"
import { now } from "../../runtime/clock"
import { autopilotService } from "../../runtime/settings"
import type { JobHandler, RunContext } from "../../runtime/types"
import { fixReservedDriftWorkflow } from "../../workflows/inventory/workflows/fix-reserved-drift"

type Mode = "report" | "fix"

export type InventoryReconciliationOptions =
  JobOptions<"inventory-reconciliation">

export type FindingType =
  | "reserved_drift"
  | "orphaned_reservation"
  | "negative_stock"
  | "overreserved"
  | "unused_location_stock"

export type DetectedFinding = {
  type: FindingType
  mode: Mode
  inventory_item_id: string | null
  location_id: string | null
  reservation_id?: string | null
  line_item_id?: string | null
  order_id?: string | null
  details: Record<string, unknown>
}

type Finding = Awaited<
  ReturnType<ReturnType<typeof autopilotService>["listInventoryFindings"]>
>[number]

const n = (v: unknown) => Number(v ?? 0)

function query(container: MedusaContainer) {
  return container.resolve(ContainerRegistrationKeys.QUERY)
}

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

type LevelRow = {
  id: string
  inventory_item_id: string
  location_id: string
  stocked_quantity: unknown
  reserved_quantity: unknown
}

type VariantRow = {
  id: string
  sku: string | null
  title: string | null
  allow_backorder: boolean
  manage_inventory: boolean
  metadata: Record<string, unknown> | null
  product?: { title?: string | null } | null
}

/**
 * Findings on the levels of a batch of inventory items: reserved-quantity
 * drift, negative stock, more reserved than stocked without backorders, and
 * stock at locations no sales channel uses. Also returns the available
 * quantity per variant, for the low-stock digest.
 */
async function inspectItems(
  container: MedusaContainer,
  options: InventoryReconciliationOptions,
  itemIds: string[],
  channelLocations: Set<string>
) {
  const inventory = container.resolve(Modules.INVENTORY)
  const levels = (await inventory.listInventoryLevels(
    { inventory_item_id: itemIds },
    { take: null }
  )) as LevelRow[]
  const reservations = await inventory.listReservationItems(
    { inventory_item_id: itemIds },
    { take: null, select: ["inventory_item_id", "location_id", "quantity"] }
  )
  const reservedSum = new Map<string, number>()
  for (const r of reservations) {
    const key = `${r.inventory_item_id}/${r.location_id}`
    reservedSum.set(key, (reservedSum.get(key) ?? 0) + n(r.quantity))
  }

  const { data: links } = await query(container).graph({
    entity: "product_variant_inventory_item",
    fields: ["variant_id", "inventory_item_id", "required_quantity"],
    filters: { inventory_item_id: itemIds },
  })
  const linkRows = links as {
    variant_id: string
    inventory_item_id: string
    required_quantity: number
  }[]
  const variantIds = [...new Set(linkRows.map((l) => l.variant_id))]
  const { data: variantData } = variantIds.length
    ? await query(container).graph({
        entity: "product_variant",
        fields: [
          "id",
          "sku",
          "title",
          "allow_backorder",
          "manage_inventory",
          "metadata",
          "product.title",
        ],
        filters: { id: variantIds },
      })
    : { data: [] }
  const variants = new Map((variantData as VariantRow[]).map((v) => [v.id, v]))
  const variantsOfItem = new Map<string, VariantRow[]>()
  for (const l of linkRows) {
    const v = variants.get(l.variant_id)
    if (v)
      variantsOfItem.set(l.inventory_item_id, [
        ...(variantsOfItem.get(l.inventory_item_id) ?? []),
        v,
      ])
  }

  const findings: DetectedFinding[] = []
  const availableOfItem = new Map<string, number>()
  for (const level of levels) {
    const stocked = n(level.stocked_quantity)
    const reserved = n(level.reserved_quantity)
    const ids = {
      inventory_item_id: level.inventory_item_id,
      location_id: level.location_id,
    }
    const sum =
      reservedSum.get(`${level.inventory_item_id}/${level.location_id}`) ?? 0
    if (channelLocations.has(level.location_id)) {
      availableOfItem.set(
        level.inventory_item_id,
        (availableOfItem.get(level.inventory_item_id) ?? 0) + stocked - reserved
      )
    }
    if (reserved !== sum) {
      findings.push({
        type: "reserved_drift",
        mode: options.modes.reserved_drift,
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
    const backorders = (variantsOfItem.get(level.inventory_item_id) ?? []).some(
      (v) => v.allow_backorder
    )
    if (reserved > stocked && stocked >= 0 && !backorders) {
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
    if (stocked > 0 && !channelLocations.has(level.location_id)) {
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
  }

  const lowStock: {
    variant_id: string
    sku: string | null
    title: string
    available: number
    threshold: number
  }[] = []
  for (const l of linkRows) {
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

type ReservationRow = {
  id: string
  inventory_item_id: string
  location_id: string
  line_item_id: string | null
  quantity: unknown
  created_at: string | Date
}

/**
 * Reservations whose line item is in no order (a reverted checkout), in a
 * canceled order, or already fully fulfilled.
 */
async function inspectReservations(
  container: MedusaContainer,
  options: InventoryReconciliationOptions,
  reservations: ReservationRow[],
  at: Date
): Promise<DetectedFinding[]> {
  const withLine = reservations.filter((r) => r.line_item_id)
  if (!withLine.length) return []
  const { data: items } = await query(container).graph({
    entity: "order_item",
    fields: [
      "item_id",
      "order_id",
      "quantity",
      "fulfilled_quantity",
      "version",
    ],
    filters: { item_id: withLine.map((r) => r.line_item_id!) },
  })
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
  for (const row of items as {
    item_id: string
    order_id: string
    quantity: unknown
    fulfilled_quantity: unknown
    version: number
  }[]) {
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
  const orderIds = [...new Set([...latest.values()].map((i) => i.order_id))]
  const { data: orders } = orderIds.length
    ? await query(container).graph({
        entity: "order",
        fields: ["id", "status", "canceled_at"],
        filters: { id: orderIds },
      })
    : { data: [] }
  const canceled = new Set(
    (orders as { id: string; status: string; canceled_at: unknown }[])
      .filter((o) => o.status === "canceled" || o.canceled_at)
      .map((o) => o.id)
  )
  const grace = options.orphan_grace_minutes * 60_000
  const findings: DetectedFinding[] = []
  for (const r of withLine) {
    const item = latest.get(r.line_item_id!)
    let reason: "no_order" | "canceled_order" | "fulfilled" | null = null
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
        description:
          reason === "no_order"
            ? "the line item is in no order"
            : reason === "canceled_order"
              ? "the order was canceled"
              : "the line item is already fulfilled",
      },
    })
  }
  return findings
}

/**
 * Applies the fix for one finding through Medusa: reserved drift through the
 * inventory module (under the inventory item's lock), an orphaned
 * reservation through Medusa's delete-reservations workflow (which takes the
 * same lock itself). Returns what changed.
 */
export async function applyFix(
  container: MedusaContainer,
  finding: Pick<
    Finding,
    "type" | "inventory_item_id" | "location_id" | "reservation_id"
  >
): Promise<Record<string, unknown>> {
  if (finding.type === "reserved_drift") {
    const { result } = await fixReservedDriftWorkflow(container).run({
      input: {
        inventory_item_id: finding.inventory_item_id!,
        location_id: finding.location_id!,
      },
    })
    return { reserved_quantity: result.after }
  }
  if (finding.type === "orphaned_reservation") {
    await deleteReservationsWorkflow(container).run({
      input: { ids: [finding.reservation_id!] },
    })
    return { reservation_deleted: finding.reservation_id }
  }
  throw new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    `${finding.type} findings are reported only; fix them in Medusa`
  )
}

/** Fixes a recorded finding and records what the fix did (or why it failed). */
export async function fixFinding(
  container: MedusaContainer,
  finding: Finding,
  runId: string | null
): Promise<Finding> {
  const service = autopilotService(container)
  try {
    const after = await applyFix(container, finding)
    return await service.updateInventoryFindings({
      id: finding.id,
      status: "fixed",
      fixed_at: now(),
      fix_error: null,
      details: { ...(finding.details as Record<string, unknown>), after },
      ...(runId ? { last_run_id: runId } : {}),
    })
  } catch (e) {
    await service.updateInventoryFindings({
      id: finding.id,
      fix_error: (e as Error).message,
    })
    throw e
  }
}

async function record(ctx: RunContext, detected: DetectedFinding) {
  const service = autopilotService(ctx.container)
  const print = fingerprint(detected)
  const itemId =
    detected.reservation_id ??
    `${detected.inventory_item_id}@${detected.location_id}`
  if (ctx.dryRun) {
    ctx.changed(`finding:${detected.type}`, itemId)
    if (detected.mode === "fix")
      ctx.changed(`would-fix:${detected.type}`, itemId)
    return
  }
  const [existing] = await service.listInventoryFindings({ fingerprint: print })
  const at = ctx.now()
  let finding: Finding
  if (existing) {
    finding = await service.updateInventoryFindings({
      id: existing.id,
      last_seen_at: at,
      last_run_id: ctx.runId,
      ...(existing.status === "resolved"
        ? { status: "open" as const, resolved_at: null }
        : {}),
    })
    // The same state is fixed once: seen again after its fix, it is reported.
    if (existing.status === "fixed") {
      ctx.count("skipped")
      return
    }
  } else {
    finding = await service.createInventoryFindings({
      type: detected.type,
      fingerprint: print,
      mode: detected.mode,
      inventory_item_id: detected.inventory_item_id,
      location_id: detected.location_id,
      reservation_id: detected.reservation_id ?? null,
      line_item_id: detected.line_item_id ?? null,
      order_id: detected.order_id ?? null,
      details: detected.details,
      first_seen_at: at,
      last_seen_at: at,
      last_run_id: ctx.runId,
    })
    ctx.changed(`finding:${detected.type}`, finding.id)
  }
  if (detected.mode === "fix" && finding.status === "open") {
    try {
      await fixFinding(ctx.container, finding, ctx.runId)
      ctx.changed(`fixed:${detected.type}`, finding.id)
    } catch (e) {
      ctx.fail(finding.id, `fix failed: ${(e as Error).message}`)
    }
  }
}

async function channelLocationIds(
  container: MedusaContainer
): Promise<Set<string>> {
  const { data } = await query(container).graph({
    entity: "sales_channel_location",
    fields: ["stock_location_id"],
  })
  return new Set(
    (data as { stock_location_id: string }[]).map((r) => r.stock_location_id)
  )
}

/**
 * One run of `inventory-reconciliation`: walks every inventory item (levels,
 * reservations, variants) and every reservation with a line item, in
 * keyset batches, records each inconsistency once, fixes those whose type is
 * in `fix` mode, marks findings no longer seen as resolved, and sends one
 * low-stock digest to the merchant when it changed.
 *
 * Skips reservations of checkouts younger than `orphan_grace_minutes`. A fix
 * that fails is an item failure; the run goes on. A dry run records nothing
 * and fixes nothing: it lists findings and planned fixes.
 */
export const inventoryReconciliationJob: JobHandler<
  InventoryReconciliationOptions
> = async (ctx) => {
  const options = ctx.options
  const container = ctx.container
  const inventory = container.resolve(Modules.INVENTORY)
  const channelLocations = await channelLocationIds(container)
  const lowStock: Awaited<ReturnType<typeof inspectItems>>["lowStock"] = []

  const items = await forEachBatch<{ id: string }, string>(ctx, {
    batchSize: options.batch_size,
    cursorOf: (i) => i.id,
    fetch: (cursor, limit) =>
      // Operator filters are accepted by the module but not in its DTO type.
      inventory.listInventoryItems(
        (cursor ? { id: { $gt: cursor } } : {}) as never,
        {
          order: { id: "ASC" },
          take: limit,
          select: ["id"],
        }
      ),
    handle: async (batch) => {
      ctx.count("scanned", batch.length)
      const found = await inspectItems(
        container,
        options,
        batch.map((i) => i.id),
        channelLocations
      )
      lowStock.push(...found.lowStock)
      for (const f of found.findings) await record(ctx, f)
    },
  })

  const reservations = await forEachBatch<ReservationRow, string>(ctx, {
    batchSize: options.batch_size,
    cursorOf: (r) => r.id,
    fetch: async (cursor, limit) =>
      (await inventory.listReservationItems(
        // Operator filters are accepted by the module but not in its DTO type.
        {
          line_item_id: { $ne: null },
          ...(cursor ? { id: { $gt: cursor } } : {}),
        } as never,
        {
          order: { id: "ASC" },
          take: limit,
          select: [
            "id",
            "inventory_item_id",
            "location_id",
            "line_item_id",
            "quantity",
            "created_at",
          ],
        }
      )) as ReservationRow[],
    handle: async (batch) => {
      ctx.count("scanned", batch.length)
      for (const f of await inspectReservations(
        container,
        options,
        batch,
        ctx.now()
      )) {
        await record(ctx, f)
      }
    },
  })

  // Only a complete pass can tell that a finding is gone.
  if (!ctx.dryRun && !items.stoppedEarly && !reservations.stoppedEarly) {
    const service = autopilotService(container)
    const gone = await service.listInventoryFindings(
      { status: "open", last_run_id: { $ne: ctx.runId } },
      { take: null, select: ["id"] }
    )
    if (gone.length) {
      await service.updateInventoryFindings(
        gone.map((g) => ({
          id: g.id,
          status: "resolved" as const,
          resolved_at: ctx.now(),
        }))
      )
      gone.forEach((g) => ctx.changed("resolved", g.id))
    }
  }

  if (lowStock.length) {
    lowStock.sort(
      (a, b) =>
        a.available - b.available || a.variant_id.localeCompare(b.variant_id)
    )
    ctx.note(`${lowStock.length} variants below their low-stock threshold`)
    const { merchantEmail } = await autopilotService(container).getOptions()
    const digest = createHash("sha256")
      .update(JSON.stringify(lowStock.map((v) => [v.variant_id, v.available])))
      .digest("hex")
      .slice(0, 24)
    if (merchantEmail) {
      // Keyed by the list itself: an unchanged list is not sent again.
      await ctx.notify({
        name: "autopilot.merchant.low_stock",
        to: merchantEmail,
        idempotencyKey: `low-stock:${digest}`,
        itemId: `low-stock:${digest}`,
        data: {
          subject: `${lowStock.length} variants are running low`,
          variants: lowStock.slice(0, 200),
          total: lowStock.length,
        },
      })
    } else {
      lowStock.forEach((v) => ctx.changed("low-stock", v.variant_id))
    }
  }
}
