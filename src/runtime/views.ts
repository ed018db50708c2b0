import type { MedusaContainer } from "@medusajs/framework/types"
import { z } from "@medusajs/framework/zod"
import { describeForm } from "../catalog/form"
import {
  JOB_CATALOG,
  JOB_NAMES,
  jobReadiness,
  type JobName,
} from "../catalog/jobs"
import { dueSlot, nextRunAt, toMedusaSchedule } from "../catalog/schedule"
import type {
  EntityLabel,
  JobView,
  JsonSchema,
  NotificationStatus,
  RunCounters,
  RunFailures,
  RunSummaryView,
  RunView,
} from "../types"
import { now } from "./clock"
import { idsInText, nameIdsInText, resolveLabels } from "./labels"
import { providersForChannel } from "./notifier"
import { LOCK_TTL_SECONDS } from "./runner"
import { isStale, lastScheduledSlot, TICK_MS } from "./scheduler"
import { describeAction, describeOutcome, describeTrigger } from "./run-words"
import { maskSecrets } from "./secrets"
import {
  autopilotService,
  blockedReason,
  effectiveSetting,
  ensureJobSettings,
  type EffectiveJobSetting,
} from "./settings"

type RunRow = Awaited<
  ReturnType<ReturnType<typeof autopilotService>["listJobRuns"]>
>[number]

/** A run as the admin API returns it. */
export function runView(run: RunRow): RunView<Date> {
  const started = run.started_at ? new Date(run.started_at).getTime() : null
  const finished = run.finished_at ? new Date(run.finished_at).getTime() : null
  return {
    id: run.id,
    job_name: run.job_name,
    trigger: run.trigger,
    actor: run.actor ?? null,
    dry_run: run.dry_run,
    status: run.status,
    scheduled_for: run.scheduled_for ?? null,
    created_at: run.created_at,
    started_at: run.started_at ?? null,
    finished_at: run.finished_at ?? null,
    duration_ms:
      started !== null && finished !== null ? finished - started : null,
    heartbeat_at: run.heartbeat_at ?? null,
    instance: run.instance ?? null,
    progress: {
      done: run.progress_done ?? 0,
      total: run.progress_total ?? null,
    },
    counters: (run.counters as RunCounters | null) ?? {
      scanned: 0,
      changed: 0,
      skipped: 0,
      failed: 0,
    },
    error: run.error ?? null,
    failures: (run.failures as RunFailures | null) ?? { items: [], omitted: 0 },
    summary: (run.summary as RunSummaryView | null) ?? null,
  }
}

/** How many of an action's sample items a run's description names. */
const NAMED_PER_LINE = 5

/**
 * Adds each run's `description`: what it did (or would have) in words, the
 * things it touched and failed on by name, who started it (a user's email,
 * an API key's title), and where it ran for support. One batch of lookups
 * for all the runs.
 */
export async function describeRuns(
  container: MedusaContainer,
  runs: RunView<Date>[]
): Promise<RunView<Date>[]> {
  if (!runs.length) return runs
  const ids: string[] = []
  for (const run of runs) {
    if (run.actor) ids.push(run.actor)
    for (const entry of Object.values(run.summary?.actions ?? {})) {
      ids.push(...entry.sample.slice(0, NAMED_PER_LINE))
    }
    ids.push(...run.failures.items.map((f) => f.item_id))
    for (const note of run.summary?.notes ?? []) ids.push(...idsInText(note))
  }
  let names = new Map<string, EntityLabel>()
  try {
    names = await resolveLabels(container, ids)
  } catch {
    // Names are a courtesy: the run is still shown with its codes.
  }
  return runs.map((run) => {
    const actor = run.actor
      ? (names.get(run.actor) ?? {
          id: run.actor,
          label: run.trigger === "api" ? "an API key" : "an admin user",
          href: null,
        })
      : null
    const lines = Object.entries(run.summary?.actions ?? {}).map(
      ([action, entry]) => {
        const items = entry.sample
          .slice(0, NAMED_PER_LINE)
          .map((id) => names.get(id))
          .filter((l): l is EntityLabel => !!l)
        return {
          action,
          count: entry.count,
          text: describeAction(run.job_name, action, entry.count, run.dry_run),
          items,
          more: Math.max(0, entry.count - items.length),
        }
      }
    )
    return {
      ...run,
      description: {
        trigger: describeTrigger(run.trigger, actor?.label ?? null),
        actor,
        outcome: describeOutcome(run.counters, run.dry_run),
        lines,
        notes: (run.summary?.notes ?? []).map((n) => nameIdsInText(n, names)),
        failures: run.failures.items.map((f) => ({
          item: names.get(f.item_id) ?? {
            id: f.item_id,
            label: "an item",
            href: null,
          },
          reason: f.reason,
        })),
        technical: run.instance,
      },
    }
  })
}

function nextRun(
  setting: EffectiveJobSetting,
  since: Date,
  at: Date
): Date | null {
  if (blockedReason(setting, at)) return null
  // A slot already due runs on the next tick.
  if (dueSlot(setting.schedule, since, at))
    return new Date(at.getTime() + TICK_MS)
  // A cron slot follows the clock; an interval counts from the last slot.
  const isCron = typeof toMedusaSchedule(setting.schedule) === "string"
  return nextRunAt(setting.schedule, isCron ? at : since)
}

async function describe(
  container: MedusaContainer,
  setting: EffectiveJobSetting
): Promise<JobView<Date>> {
  const service = autopilotService(container)
  const name = setting.name
  const at = now()
  const [lastRun] = await service.listJobRuns(
    { job_name: name },
    { order: { created_at: "DESC" }, take: 1 }
  )
  const active = await service.listJobRuns(
    { job_name: name, status: ["queued", "running"] },
    { order: { created_at: "DESC" }, take: 5 }
  )
  const staleBefore = at.getTime() - LOCK_TTL_SECONDS * 1000
  const current = active.find(
    (r) =>
      r.status === "queued" ||
      (r.heartbeat_at && new Date(r.heartbeat_at).getTime() >= staleBefore)
  )
  const since =
    (await lastScheduledSlot(container, name)) ??
    new Date(setting.row.created_at)
  const definition = JOB_CATALOG[name]
  const [, failing] = await service.listAndCountItemRetries(
    { job_name: name, status: "failing" },
    { take: 1, select: ["id"] }
  )
  const [, givenUp] = await service.listAndCountItemRetries(
    { job_name: name, status: "given_up" },
    { take: 1, select: ["id"] }
  )
  return {
    name,
    title: definition.title,
    description: definition.description,
    enabled: setting.enabled,
    paused_until: setting.pausedUntil,
    paused_reason: setting.pausedReason,
    schedule: setting.schedule,
    default_schedule: definition.defaultSchedule,
    next_run_at: nextRun(setting, since, at),
    last_run: lastRun
      ? (await describeRuns(container, [runView(lastRun)]))[0]
      : null,
    current_run: current
      ? (await describeRuns(container, [runView(current)]))[0]
      : null,
    last_success_at: setting.row.last_success_at ?? null,
    last_failure_at: setting.row.last_failure_at ?? null,
    consecutive_failures: setting.row.consecutive_failures ?? 0,
    auto_paused_at: setting.row.auto_paused_at ?? null,
    items: { failing, given_up: givenUp },
    stale: isStale(setting, at),
    // Credentials are shown masked; posting the mask back keeps them.
    options: maskSecrets(setting.options),
    options_schema: z.toJSONSchema(definition.optionsSchema, {
      io: "input",
    }) as JsonSchema,
    form: describeForm(definition.optionsSchema),
    readiness: jobReadiness(name, setting.options),
    source: setting.row.source,
    updated_by: setting.row.updated_by ?? null,
    updated_at: setting.row.updated_at,
  }
}

/** Every job with its setting, schedule, last run and health, for the admin. */
export async function describeJobs(
  container: MedusaContainer
): Promise<JobView<Date>[]> {
  const rows = await ensureJobSettings(container)
  const options = await autopilotService(container).getOptions()
  return Promise.all(
    JOB_NAMES.map((name) =>
      describe(container, effectiveSetting(name, rows.get(name)!, options))
    )
  )
}

export async function describeJob(
  container: MedusaContainer,
  name: JobName
): Promise<JobView<Date>> {
  const rows = await ensureJobSettings(container)
  const options = await autopilotService(container).getOptions()
  return describe(container, effectiveSetting(name, rows.get(name)!, options))
}

/** Whether a notification provider serves the channel the plugin sends on. */
export async function notificationStatus(
  container: MedusaContainer
): Promise<NotificationStatus> {
  const { notificationChannel } = await autopilotService(container).getOptions()
  const providers = providersForChannel(container, notificationChannel)
  return {
    channel: notificationChannel,
    providers,
    served: providers.length > 0,
  }
}
