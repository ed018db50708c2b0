import { Text } from "@medusajs/ui"
import type { RunView } from "../../types"

/** A thin bar for a running run; indeterminate until the job knows its total. */
export const ProgressBar = ({ run }: { run: RunView }) => {
  const { done, total } = run.progress
  const pct = total ? Math.min(100, Math.round((done / total) * 100)) : null
  return (
    <div className="flex items-center gap-x-2" data-testid="autopilot-progress">
      <div
        className="bg-ui-bg-component h-1.5 w-32 overflow-hidden rounded-full"
        role="progressbar"
        aria-valuenow={pct ?? undefined}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <div
          className={`bg-ui-fg-interactive h-full ${pct === null ? "w-1/3 animate-pulse" : ""}`}
          style={pct === null ? undefined : { width: `${pct}%` }}
        />
      </div>
      <Text size="xsmall" className="text-ui-fg-subtle">
        {total ? `${done} / ${total}` : `${done} done`}
      </Text>
    </div>
  )
}
