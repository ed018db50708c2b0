import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { now } from "../../../runtime/clock"
import { autopilotService } from "../../../runtime/settings"

export type ResetItemRetriesStepInput = {
  job_name: string
  /** Only these items; all failing and given-up items of the job when absent. */
  item_ids?: string[]
}

export const resetItemRetriesStepId = "reset-item-retries"

/**
 * "Retry now": makes failing or given-up items of a job due at once, for
 * one more attempt in the job's next run. Rollback: restores their status
 * and next attempt.
 *
 * @example
 * resetItemRetriesStep({ job_name: "shipment-tracking", item_ids: ["ship_1"] })
 */
export const resetItemRetriesStep = createStep(
  resetItemRetriesStepId,
  async (input: ResetItemRetriesStepInput, { container }) => {
    const service = autopilotService(container)
    const rows = await service.listItemRetries(
      {
        job_name: input.job_name,
        ...(input.item_ids ? { item_id: input.item_ids } : {}),
      },
      { take: null }
    )
    const previous = rows.map((r) => ({
      id: r.id,
      status: r.status,
      next_attempt_at: r.next_attempt_at,
    }))
    const at = now()
    if (rows.length) {
      await service.updateItemRetries(
        rows.map((r) => ({
          id: r.id,
          status: "failing" as const,
          next_attempt_at: at,
        }))
      )
    }
    return new StepResponse({ count: rows.length }, previous)
  },
  async (previous, { container }) => {
    if (!previous?.length) return
    await autopilotService(container).updateItemRetries(previous)
  }
)
