import { autopilotService } from "../../runtime/settings"
import type { RunContext } from "../../runtime/types"
import { runInventoryFindingFix } from "../../workflows/inventory"
import { fingerprint } from "./inspect"
import type { DetectedFinding, InventoryReconciliationOptions } from "./types"

type Ctx = RunContext<InventoryReconciliationOptions>

type Finding = Awaited<
  ReturnType<ReturnType<typeof autopilotService>["listInventoryFindings"]>
>[number]

/**
 * Records a finding once (by its fingerprint): a new one is created, one
 * seen before gets its last sighting (and reopens when it was resolved).
 * A finding in `fix` mode that is open is then fixed through
 * `fixInventoryFindingWorkflow`; a failed fix is an item failure. The same
 * state is fixed once: seen again after its fix, it is skipped. A dry run
 * records nothing and only lists the finding and the planned fix.
 */
export async function recordFinding(ctx: Ctx, detected: DetectedFinding) {
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
      await runInventoryFindingFix(ctx.container, {
        id: finding.id,
        run_id: ctx.runId,
      })
      ctx.changed(`fixed:${detected.type}`, finding.id)
    } catch (e) {
      ctx.fail(finding.id, `fix failed: ${(e as Error).message}`)
    }
  }
}

/**
 * Marks the open findings this run did not see again as resolved. Only a
 * complete pass may call it: a partial one cannot tell a finding is gone.
 */
export async function resolveUnseenFindings(ctx: Ctx) {
  const service = autopilotService(ctx.container)
  const gone = await service.listInventoryFindings(
    { status: "open", last_run_id: { $ne: ctx.runId } },
    { take: null, select: ["id"] }
  )
  if (!gone.length) return
  await service.updateInventoryFindings(
    gone.map((g) => ({
      id: g.id,
      status: "resolved" as const,
      resolved_at: ctx.now(),
    }))
  )
  gone.forEach((g) => ctx.changed("resolved", g.id))
}
