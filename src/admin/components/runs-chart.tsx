import { Text } from "@medusajs/ui"
import type { RunView } from "../../types"
import { formatDateTime, formatDuration, plural, runColor } from "./format"

const FILL: Record<string, string> = {
  green: "var(--tag-green-icon, #10b981)",
  orange: "var(--tag-orange-icon, #f59e0b)",
  red: "var(--tag-red-icon, #ef4444)",
  blue: "var(--tag-blue-icon, #3b82f6)",
  purple: "var(--tag-purple-icon, #8b5cf6)",
  grey: "var(--tag-neutral-icon, #9ca3af)",
}

/** Recent runs, oldest left: bar height is the duration, colour the outcome. */
export const RunsChart = ({ runs }: { runs: RunView[] }) => {
  const shown = [...runs].reverse().slice(-40)
  if (!shown.length) return null
  const longest = Math.max(1, ...shown.map((r) => r.duration_ms ?? 0))
  const width = 8
  const gap = 3
  const height = 48
  return (
    <div className="flex flex-col gap-y-1" data-testid="autopilot-runs-chart">
      <svg
        width={shown.length * (width + gap)}
        height={height}
        role="img"
        aria-label="Duration and outcome of recent runs"
      >
        {shown.map((run, i) => {
          const h = Math.max(3, ((run.duration_ms ?? 0) / longest) * height)
          return (
            <rect
              key={run.id}
              x={i * (width + gap)}
              y={height - h}
              width={width}
              height={h}
              rx={2}
              fill={FILL[runColor(run)]}
            >
              <title>
                {`${formatDateTime(run.started_at ?? run.created_at)}: ${run.dry_run ? "dry run, " : ""}${run.status}, took ${formatDuration(run.duration_ms)}`}
              </title>
            </rect>
          )
        })}
      </svg>
      <Text size="xsmall" className="text-ui-fg-muted">
        {shown.length === 1
          ? "Last run"
          : `Last ${plural(shown.length, "run")}`}{" "}
        · longest {formatDuration(longest)}
      </Text>
    </div>
  )
}
