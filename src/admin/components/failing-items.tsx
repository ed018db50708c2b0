import {
  Button,
  StatusBadge,
  Table,
  Text,
  toast,
  usePrompt,
} from "@medusajs/ui"
import { useJobItems, useRetryJobItems } from "../hooks/api/autopilot"
import { EntityLink, WithDetail } from "./entity-link"
import { formatDateTime, plural, relativeTime } from "./format"

/** Items that failed in runs: retried with back-off, or given up. */
export const FailingItems = ({ name }: { name: string }) => {
  const { data } = useJobItems(name, "all")
  const retry = useRetryJobItems(name)
  const items = data?.items ?? []
  const prompt = usePrompt()
  const onRetry = async (ids?: string[]) => {
    const count = ids?.length ?? items.length
    const confirmed = await prompt({
      title: count === 1 ? "Retry this item?" : `Retry all ${count} items?`,
      variant: "confirmation",
      description:
        "They are tried again in the job's next run, with a fresh count of attempts.",
      confirmText: "Retry",
      cancelText: "Cancel",
    })
    if (!confirmed) return
    retry.mutate(ids, {
      onSuccess: ({ retried }) =>
        toast.success(
          `${plural(retried, "item")} will be tried again in the next run`
        ),
      onError: (e) => toast.error(e.message),
    })
  }
  if (!items.length) {
    return (
      <Text size="small" className="text-ui-fg-subtle">
        No failing items.
      </Text>
    )
  }
  return (
    <div
      className="flex flex-col gap-y-3"
      data-testid="autopilot-failing-items"
    >
      <div className="flex justify-end">
        <Button size="small" variant="secondary" onClick={() => onRetry()}>
          Retry all now
        </Button>
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Item</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Attempts</Table.HeaderCell>
            <Table.HeaderCell>Last error</Table.HeaderCell>
            <Table.HeaderCell>Next attempt</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {items.map((item) => (
            <Table.Row key={item.id}>
              <Table.Cell>
                <WithDetail detail={item.item_id}>
                  <EntityLink label={item.label} fallback="An item" />
                </WithDetail>
              </Table.Cell>
              <Table.Cell>
                <StatusBadge
                  color={item.status === "given_up" ? "red" : "orange"}
                >
                  {item.status === "given_up" ? "Given up" : "Failing"}
                </StatusBadge>
              </Table.Cell>
              <Table.Cell>{item.attempts}</Table.Cell>
              <Table.Cell>
                <Text size="xsmall">{item.last_error}</Text>
              </Table.Cell>
              <Table.Cell>
                {item.status === "given_up" ? (
                  "Not retried"
                ) : (
                  <span title={formatDateTime(item.next_attempt_at)}>
                    {relativeTime(item.next_attempt_at)}
                  </span>
                )}
              </Table.Cell>
              <Table.Cell>
                <Button
                  size="small"
                  variant="transparent"
                  onClick={() => onRetry([item.item_id])}
                >
                  Retry now
                </Button>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}
