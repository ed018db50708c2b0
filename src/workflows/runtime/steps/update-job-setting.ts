import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { maskSecrets } from "../../../runtime/secrets"
import {
  autopilotService,
  ensureJobSettings,
  type JobSettingRow,
} from "../../../runtime/settings"
import type { ValidatedJobSettingUpdate } from "./validate-job-setting-update"

export type UpdateJobSettingStepInput = ValidatedJobSettingUpdate & {
  actor: string | null
}

export type JobSettingChanges = Record<string, { from: unknown; to: unknown }>

export const updateJobSettingStepId = "update-job-setting"

const FIELDS = ["enabled", "paused_until", "schedule", "options"] as const

function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) =>
    v instanceof Date ? v.toISOString() : (v ?? null)
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b))
}

async function rowFor(container: MedusaContainer, name: string) {
  const rows = await ensureJobSettings(container)
  return rows.get(name as never) as JobSettingRow
}

/**
 * Applies a validated change to a job's stored setting and marks the row as
 * owned by the admin from now on. Switching a job on also clears its failure
 * streak and any pause, so it starts afresh. Returns what changed.
 * Rollback: restores the previous values.
 *
 * @example
 * const { changes } = updateJobSettingStep({ job_name: "cart-pruning", enabled: false, actor })
 */
export const updateJobSettingStep = createStep(
  updateJobSettingStepId,
  async (input: UpdateJobSettingStepInput, { container }) => {
    const service = autopilotService(container)
    const before = await rowFor(container, input.job_name)

    const patch: Record<string, unknown> = {}
    const changes: JobSettingChanges = {}
    for (const field of FIELDS) {
      const next = input[field]
      if (next === undefined) continue
      const previous = before[field as keyof JobSettingRow]
      if (!same(previous, next)) {
        patch[field] = next
        // The change record keeps no credentials in full.
        changes[field] = {
          from: maskSecrets(previous ?? null),
          to: maskSecrets(next),
        }
      }
    }
    if (input.enabled === true && !before.enabled) {
      // Switching on starts afresh: no failure streak, no auto-pause note.
      patch.consecutive_failures = 0
      patch.paused_reason = null
      patch.auto_paused_at = null
      if (input.paused_until === undefined && before.paused_until) {
        patch.paused_until = null
        changes.paused_until = { from: before.paused_until, to: null }
      }
    }
    if (input.paused_until === null) patch.paused_reason = null

    const previous = {
      id: before.id,
      enabled: before.enabled,
      paused_until: before.paused_until,
      paused_reason: before.paused_reason,
      schedule: before.schedule,
      options: before.options,
      source: before.source,
      updated_by: before.updated_by,
      consecutive_failures: before.consecutive_failures,
      auto_paused_at: before.auto_paused_at,
    }
    if (!Object.keys(changes).length) {
      return new StepResponse({ row: before, changes }, null)
    }
    if ("options" in patch) await clearOptions(container, before.id)
    const row = await service.updateJobSettings({
      id: before.id,
      ...patch,
      source: "admin",
      updated_by: input.actor,
    })
    return new StepResponse({ row, changes }, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    await clearOptions(container, previous.id)
    await autopilotService(container).updateJobSettings(previous)
  }
)

/**
 * The module merges a JSON column into the stored value on update, so an
 * option removed from the override (reset with `null`) would stay: the
 * column is emptied first, then written whole.
 */
async function clearOptions(container: MedusaContainer, id: string) {
  await autopilotService(container).updateJobSettings({ id, options: null })
}
