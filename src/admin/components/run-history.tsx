import { Button, StatusBadge, Table, Text } from "@medusajs/ui"
import { Fragment, useState } from "react"
import { useAutopilotRuns } from "../hooks/api/autopilot"
import type { RunView } from "../../types"
import { formatDuration, relativeTime, runColor } from "./format"
import { RunsChart } from "./runs-chart"

const PAGE = 20

const RunDetails = ({ run }: { run: RunView }) => (
  <div className="flex flex-col gap-y-2 py-2">
    {run.error && (
      <Text size="small" className="text-ui-fg-error">
        {run.error}
      </Text>
    )}
    {Object.entries(run.summary?.actions ?? {}).map(([action, entry]) => (
      <Text size="small" key={action}>
        {run.dry_run ? "Would " : ""}
        {action}: {entry.count}
        {entry.sample.length
          ? ` (e.g. ${entry.sample.slice(0, 5).join(", ")})`
          : ""}
      </Text>
    ))}
    {run.summary?.notes?.map((note) => (
      <Text size="small" key={note} className="text-ui-fg-subtle">
        {note}
      </Text>
    ))}
    {run.summary?.stopped_early && (
      <Text size="small">
        Stopped at its time budget; the next run goes on.
      </Text>
    )}
    {run.failures.items.length > 0 && (
      <div className="flex flex-col">
        <Text size="small" weight="plus">
          Failed items
        </Text>
        {run.failures.items.map((f) => (
          <Text size="xsmall" key={f.item_id} className="font-mono">
            {f.item_id}: {f.reason}
          </Text>
        ))}
        {run.failures.omitted > 0 && (
          <Text size="xsmall">…and {run.failures.omitted} more</Text>
        )}
      </div>
    )}
    <Text size="xsmall" className="text-ui-fg-muted">
      {run.id} · {run.trigger}
      {run.actor ? ` by ${run.actor}` : ""} · {run.instance ?? "not started"}
    </Text>
  </div>
)

/** A job's runs, newest first, with a chart of recent durations and outcomes. */
export const RunHistory = ({ name, live }: { name: string; live: boolean }) => {
  const [offset, setOffset] = useState(0)
  const [open, setOpen] = useState<string | null>(null)
  const { data } = useAutopilotRuns(name, { limit: PAGE, offset }, live)
  const runs = data?.runs ?? []
  return (
    <div className="flex flex-col gap-y-4">
      <RunsChart runs={runs} />
      <Table data-testid="autopilot-run-history">
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Started</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Trigger</Table.HeaderCell>
            <Table.HeaderCell>Duration</Table.HeaderCell>
            <Table.HeaderCell>Scanned</Table.HeaderCell>
            <Table.HeaderCell>Changed</Table.HeaderCell>
            <Table.HeaderCell>Skipped</Table.HeaderCell>
            <Table.HeaderCell>Failed</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {runs.map((run) => (
            <Fragment key={run.id}>
              <Table.Row
                className="cursor-pointer"
                onClick={() => setOpen(open === run.id ? null : run.id)}
                data-testid="autopilot-run-row"
              >
                <Table.Cell>
                  {relativeTime(run.started_at ?? run.created_at)}
                </Table.Cell>
                <Table.Cell>
                  <StatusBadge color={runColor(run)}>
                    {run.status}
                    {run.dry_run ? " (dry)" : ""}
                  </StatusBadge>
                </Table.Cell>
                <Table.Cell>{run.trigger}</Table.Cell>
                <Table.Cell>{formatDuration(run.duration_ms)}</Table.Cell>
                <Table.Cell>{run.counters.scanned}</Table.Cell>
                <Table.Cell>{run.counters.changed}</Table.Cell>
                <Table.Cell>{run.counters.skipped}</Table.Cell>
                <Table.Cell>{run.counters.failed}</Table.Cell>
              </Table.Row>
              {open === run.id && (
                <tr>
                  <td colSpan={8} className="px-6">
                    <RunDetails run={run} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </Table.Body>
      </Table>
      {runs.length === 0 && (
        <Text size="small" className="text-ui-fg-subtle">
          No runs yet.
        </Text>
      )}
      <div className="flex items-center justify-between">
        <Text size="xsmall" className="text-ui-fg-subtle">
          {data?.count ?? 0} runs kept
        </Text>
        <div className="flex gap-x-2">
          <Button
            size="small"
            variant="secondary"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            Newer
          </Button>
          <Button
            size="small"
            variant="secondary"
            disabled={offset + PAGE >= (data?.count ?? 0)}
            onClick={() => setOffset(offset + PAGE)}
          >
            Older
          </Button>
        </div>
      </div>
    </div>
  )
}
