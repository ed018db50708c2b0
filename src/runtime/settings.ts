import type { MedusaContainer } from "@medusajs/framework/types"
import { JOB_CATALOG, JOB_NAMES, type JobName } from "../catalog/jobs"
import type { JobSchedule } from "../catalog/schedule"
import { AUTOPILOT_MODULE } from "../modules/autopilot"
import type {
  AutopilotOptions,
  ResolvedJobConfig,
} from "../modules/autopilot/options"
import type AutopilotModuleService from "../modules/autopilot/service"

export type JobSettingRow = Awaited<
  ReturnType<AutopilotModuleService["listJobSettings"]>
>[number]

/** A job's setting as the runtime uses it: stored row merged over plugin options. */
export type EffectiveJobSetting = {
  name: JobName
  row: JobSettingRow
  enabled: boolean
  pausedUntil: Date | null
  pausedReason: string | null
  schedule: JobSchedule
  options: Record<string, unknown>
  /** Retries, auto-pause, catch-up and stale alerts, from plugin options. */
  config: ResolvedJobConfig
}

export function autopilotService(container: MedusaContainer) {
  return container.resolve<AutopilotModuleService>(AUTOPILOT_MODULE)
}

/**
 * Makes sure every job has its setting row. On first boot the rows are
 * seeded from plugin options; while a row was never changed in the admin
 * (`source = "options"`) its switch keeps following plugin options, so a
 * config change still applies. Once changed in the admin, the row wins.
 * Schedule and options overrides are per field: null follows plugin options.
 */
export async function ensureJobSettings(
  container: MedusaContainer
): Promise<Map<JobName, JobSettingRow>> {
  const service = autopilotService(container)
  const options = await service.getOptions()
  let rows = await service.listJobSettings({}, { take: null })
  const byName = new Map(rows.map((r) => [r.job_name as JobName, r]))

  const missing = JOB_NAMES.filter((name) => !byName.has(name))
  if (missing.length) {
    for (const name of missing) {
      // Another instance may seed the same row at the same moment; the
      // unique index on job_name keeps one, and the re-read below finds it.
      await service
        .createJobSettings({
          job_name: name,
          enabled: options.jobs[name].enabled,
          source: "options",
        })
        .catch(() => undefined)
    }
    rows = await service.listJobSettings({}, { take: null })
    rows.forEach((r) => byName.set(r.job_name as JobName, r))
  }

  const drifted = [...byName.values()].filter(
    (r) =>
      r.source === "options" &&
      isKnown(r.job_name) &&
      r.enabled !== options.jobs[r.job_name].enabled
  )
  for (const row of drifted) {
    const enabled = options.jobs[row.job_name as JobName].enabled
    const updated = await service.updateJobSettings({ id: row.id, enabled })
    await service.createJobSettingChanges({
      job_name: row.job_name,
      actor: null,
      changes: {
        enabled: { from: row.enabled, to: enabled, via: "plugin options" },
      },
    })
    byName.set(row.job_name as JobName, updated)
  }
  return byName
}

function isKnown(name: string): name is JobName {
  return (JOB_NAMES as readonly string[]).includes(name)
}

/** Merges a stored row over plugin options and re-validates the job options. */
export function effectiveSetting(
  name: JobName,
  row: JobSettingRow,
  options: AutopilotOptions
): EffectiveJobSetting {
  const fromOptions = options.jobs[name]
  const storedOptions = (row.options ?? null) as Record<string, unknown> | null
  // Parse the stored override again: defaults added by a newer plugin
  // version apply, and a value stored before a schema change cannot crash.
  const parsed = JOB_CATALOG[name].optionsSchema.safeParse({
    ...fromOptions.options,
    ...(storedOptions ?? {}),
  })
  return {
    name,
    row,
    enabled: row.enabled,
    pausedUntil: row.paused_until ? new Date(row.paused_until) : null,
    pausedReason: row.paused_reason ?? null,
    schedule: (row.schedule as JobSchedule | null) ?? fromOptions.schedule,
    options: parsed.success
      ? (parsed.data as Record<string, unknown>)
      : fromOptions.options,
    config: fromOptions,
  }
}

export async function loadEffectiveSetting(
  container: MedusaContainer,
  name: JobName
): Promise<EffectiveJobSetting> {
  const rows = await ensureJobSettings(container)
  const options = await autopilotService(container).getOptions()
  return effectiveSetting(name, rows.get(name)!, options)
}

/** Why a job would not run now, or null when it may. */
export function blockedReason(
  setting: EffectiveJobSetting,
  at: Date
): string | null {
  if (!setting.enabled) {
    return "the job is switched off"
  }
  if (setting.pausedUntil && setting.pausedUntil > at) {
    return `the job is paused until ${setting.pausedUntil.toISOString()}${
      setting.pausedReason ? ` (${setting.pausedReason})` : ""
    }`
  }
  return null
}
