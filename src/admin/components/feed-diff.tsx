import { StatusBadge, Text } from "@medusajs/ui"
import { useAutopilotRuns } from "../hooks/api/autopilot"
import { relativeTime, runColor } from "./format"

/** The stock feed's last diff: what the last sync set (or would have set, or refused). */
export const FeedDiff = ({ name }: { name: string }) => {
  const { data } = useAutopilotRuns(name, { limit: 1, offset: 0 }, false)
  const run = data?.runs[0]
  if (!run) {
    return (
      <Text size="small" className="text-ui-fg-subtle">
        The feed has not been read yet. Run a dry run to see its diff.
      </Text>
    )
  }
  const changes = run.summary?.actions?.["set-stock"]
  return (
    <div className="flex flex-col gap-y-2" data-testid="autopilot-feed-diff">
      <div className="flex items-center gap-x-2">
        <StatusBadge color={runColor(run)}>
          {run.status}
          {run.dry_run ? " (dry run)" : ""}
        </StatusBadge>
        <Text size="small">
          {relativeTime(run.finished_at ?? run.created_at)} ·{" "}
          {changes?.count ?? 0} level(s){" "}
          {run.dry_run || run.status !== "succeeded"
            ? "would change"
            : "changed"}
          , {run.counters.skipped} unchanged, {run.counters.failed} malformed
        </Text>
      </div>
      {run.error && (
        <Text size="small" className="text-ui-fg-error">
          {run.error}
        </Text>
      )}
      {(run.summary?.notes ?? []).map((line) => (
        <Text key={line} size="xsmall" className="font-mono">
          {line}
        </Text>
      ))}
      {run.failures.items.map((f) => (
        <Text
          key={f.item_id}
          size="xsmall"
          className="font-mono text-ui-fg-error"
        >
          {f.item_id}: {f.reason}
        </Text>
      ))}
    </div>
  )
}
