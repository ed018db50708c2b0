import { Modules } from "@medusajs/framework/utils"
import { forEachBatch } from "../../runtime/batching"
import type { JobHandler } from "../../runtime/types"
import { sendLowStockDigest } from "./digest"
import {
  channelLocationIds,
  loadItemFacts,
  loadReservationFacts,
} from "./facts"
import { inspectItems, inspectReservations } from "./inspect"
import { recordFinding, resolveUnseenFindings } from "./record"
import type {
  InventoryReconciliationOptions,
  LowStockVariant,
  ReservationRow,
} from "./types"

/**
 * One run of `inventory-reconciliation`: walks every inventory item (levels,
 * reservations, variants) and every reservation with a line item, in
 * keyset batches, records each inconsistency once, fixes those whose type is
 * in `fix` mode (through `fixInventoryFindingWorkflow`), marks findings no
 * longer seen as resolved, and sends one low-stock digest to the merchant
 * when it changed.
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
  const lowStock: LowStockVariant[] = []

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
      const facts = await loadItemFacts(
        container,
        batch.map((i) => i.id),
        channelLocations
      )
      const found = inspectItems(facts, options)
      lowStock.push(...found.lowStock)
      for (const f of found.findings) await recordFinding(ctx, f)
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
      const facts = await loadReservationFacts(container, batch)
      for (const f of inspectReservations(facts, options, ctx.now())) {
        await recordFinding(ctx, f)
      }
    },
  })

  // Only a complete pass can tell that a finding is gone.
  if (!ctx.dryRun && !items.stoppedEarly && !reservations.stoppedEarly) {
    await resolveUnseenFindings(ctx)
  }

  await sendLowStockDigest(ctx, lowStock)
}
