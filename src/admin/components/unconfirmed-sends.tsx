import { Button, Heading, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import { EntityLink } from "./entity-link"
import {
  codeInWords,
  formatDateTime,
  MESSAGE_NAMES,
  relativeTime,
} from "./format"
import type { EntityLabel } from "../../types"

/** One row of `GET /admin/autopilot/notifications/unconfirmed`. */
type UnconfirmedSend = {
  id: string
  name: string
  job_name: string | null
  item_id: string
  status: "sending" | "unconfirmed" | "resent"
  started_at: string
  unconfirmed_at: string | null
  /** `item_id` named (an order, a cart, a signup). */
  labels?: { item_id?: EntityLabel }
}

type UnconfirmedSendList = {
  notifications: UnconfirmedSend[]
  count: number
  limit: number
  offset: number
}

const KEY = ["autopilot", "notifications", "unconfirmed"]

/**
 * Messages handed to Medusa that never got an answer (the process stopped
 * mid-send): maybe sent, maybe not. Shown only when there are any, each
 * with "Send again".
 */
export const UnconfirmedSends = () => {
  const queryClient = useQueryClient()
  const { data } = useQuery({
    queryKey: KEY,
    queryFn: () =>
      sdk.client.fetch<UnconfirmedSendList>(
        "/admin/autopilot/notifications/unconfirmed"
      ),
  })
  const resend = useMutation({
    mutationFn: (id: string) =>
      sdk.client.fetch<{ notification: UnconfirmedSend }>(
        `/admin/autopilot/notifications/${id}/resend`,
        { method: "POST", body: {} }
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  })
  if (!data?.notifications.length) return null
  return (
    <div className="flex flex-col" data-testid="autopilot-unconfirmed-sends">
      <div className="flex flex-col gap-y-1 px-6 py-4">
        <Heading level="h2">Unconfirmed messages ({data.count})</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Handed to the notification provider without an answer: maybe sent,
          maybe not. Autopilot does not send them again by itself.
        </Text>
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Message</Table.HeaderCell>
            <Table.HeaderCell>Item</Table.HeaderCell>
            <Table.HeaderCell>Sent</Table.HeaderCell>
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {data.notifications.map((n) => (
            <Table.Row key={n.id}>
              <Table.Cell>
                <div className="flex flex-col">
                  <Text size="small" title={n.name}>
                    {MESSAGE_NAMES[n.name] ??
                      codeInWords(n.name.replace(/^autopilot\./, ""))}
                  </Text>
                  <Text size="xsmall" className="text-ui-fg-subtle">
                    {n.job_name
                      ? `by ${codeInWords(n.job_name)}`
                      : "outside a job run"}
                  </Text>
                </div>
              </Table.Cell>
              <Table.Cell>
                <Text size="xsmall" title={n.item_id}>
                  <EntityLink label={n.labels?.item_id} fallback="—" />
                </Text>
              </Table.Cell>
              <Table.Cell>
                <span title={formatDateTime(n.started_at)}>
                  {relativeTime(n.started_at)}
                </span>
              </Table.Cell>
              <Table.Cell>
                <Button
                  size="small"
                  variant="secondary"
                  isLoading={resend.isPending && resend.variables === n.id}
                  onClick={() =>
                    resend.mutate(n.id, {
                      onSuccess: () => toast.success("Sent again"),
                      onError: (e) => toast.error(e.message),
                    })
                  }
                >
                  Send again
                </Button>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}
