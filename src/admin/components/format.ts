import type { JobView, RunView, Schedule } from "../../types"

export function formatSchedule(schedule: Schedule): string {
  if (typeof schedule === "string") return `cron ${schedule}`
  if ("cron" in schedule) return `cron ${schedule.cron}`
  const s = schedule.interval / 1000
  if (s % 3600 === 0) return `every ${s / 3600} h`
  if (s % 60 === 0) return `every ${s / 60} min`
  return `every ${s} s`
}

export function relativeTime(iso: string | null, now = Date.now()): string {
  if (!iso) return "—"
  const diff = new Date(iso).getTime() - now
  const abs = Math.abs(diff)
  const units: [number, string][] = [
    [86_400_000, "d"],
    [3_600_000, "h"],
    [60_000, "min"],
    [1000, "s"],
  ]
  const [size, unit] = units.find(([u]) => abs >= u) ?? [1000, "s"]
  const value = Math.max(1, Math.round(abs / size))
  return diff >= 0 ? `in ${value} ${unit}` : `${value} ${unit} ago`
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—"
  if (ms < 1000) return `${ms} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  return `${Math.round(ms / 60_000)} min`
}

export type BadgeColor = "green" | "red" | "blue" | "orange" | "grey" | "purple"

export function jobState(job: JobView): { label: string; color: BadgeColor } {
  if (job.current_run) {
    return job.current_run.status === "queued"
      ? { label: "Queued", color: "purple" }
      : { label: "Running", color: "blue" }
  }
  if (!job.enabled && job.auto_paused_at) {
    return { label: "Auto-paused", color: "red" }
  }
  if (!job.enabled) return { label: "Off", color: "grey" }
  if (job.paused_until && new Date(job.paused_until) > new Date()) {
    return { label: "Paused", color: "orange" }
  }
  if (job.stale) return { label: "Stale", color: "orange" }
  if (job.last_run?.status === "failed")
    return { label: "Failing", color: "red" }
  return { label: "On", color: "green" }
}

export function runColor(run: RunView): BadgeColor {
  switch (run.status) {
    case "succeeded":
      return run.counters.failed ? "orange" : "green"
    case "failed":
      return "red"
    case "running":
      return "blue"
    case "queued":
      return "purple"
    default:
      return "grey"
  }
}
