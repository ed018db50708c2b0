import { formatDay } from "./format"

const FILL = {
  green: "var(--tag-green-icon, #10b981)",
  blue: "var(--tag-blue-icon, #3b82f6)",
  red: "var(--tag-red-icon, #ef4444)",
  purple: "var(--tag-purple-icon, #8b5cf6)",
  grey: "var(--tag-neutral-icon, #9ca3af)",
}

export type ChartSeries = {
  label: string
  values: number[]
  color: keyof typeof FILL
}

/**
 * One small bar per day, oldest left; a second series stacks on the first
 * (e.g. parcels delivered, then parcels with a problem). Hovering a bar
 * names the day and the figures.
 */
export const DailyChart = ({
  dates,
  series,
  label,
}: {
  dates: string[]
  series: ChartSeries[]
  label: string
}) => {
  const height = 36
  const totals = dates.map((_, i) =>
    series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)
  )
  const highest = Math.max(1, ...totals)
  // The SVG scales to the card's width: one unit per day, bars 70 % wide.
  return (
    <svg
      viewBox={`0 0 ${dates.length} ${height}`}
      preserveAspectRatio="none"
      className="h-9 w-full"
      role="img"
      aria-label={label}
    >
      {dates.map((day, i) => {
        let y = height
        const title = `${formatDay(day)}: ${series
          .map((s) => `${s.values[i] ?? 0} ${s.label}`)
          .join(", ")}`
        return (
          <g key={day}>
            <title>{title}</title>
            <rect x={i} y={0} width={1} height={height} fill="transparent" />
            {totals[i] === 0 ? (
              <rect
                x={i + 0.15}
                y={height - 1}
                width={0.7}
                height={1}
                fill={FILL.grey}
                opacity={0.35}
              />
            ) : (
              series.map((s) => {
                const v = s.values[i] ?? 0
                if (!v) return null
                const h = Math.max(2, (v / highest) * (height - 2))
                y -= h
                return (
                  <rect
                    key={s.label}
                    x={i + 0.15}
                    y={y}
                    width={0.7}
                    height={h}
                    fill={FILL[s.color]}
                  />
                )
              })
            )}
          </g>
        )
      })}
    </svg>
  )
}
