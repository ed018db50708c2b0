import { autopilotService } from "../../../runtime/settings"
import type { RetentionKind } from "../../../modules/autopilot/service"
import type { RetentionContext } from "./types"

/**
 * Deletes one kind of row past `cutoff`, batch after batch, until none is
 * left or the run's time is up. A dry run looks at one batch only.
 */
export async function pruneInBatches(
  ctx: RetentionContext,
  kind: RetentionKind,
  table: string,
  cutoff: Date
): Promise<void> {
  const service = autopilotService(ctx.container)
  for (;;) {
    if (ctx.timeLeft() <= 0) return
    const { ids, tokenIds } = await service.pruneExpired(
      kind,
      cutoff,
      ctx.batchSize,
      ctx.dryRun
    )
    for (const id of ids) ctx.deleted(table, id)
    for (const id of tokenIds) ctx.deleted("autopilot_token", id)
    if (ctx.dryRun || ids.length < ctx.batchSize) return
  }
}

export const DAY_MS = 86_400_000

export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS)
}
