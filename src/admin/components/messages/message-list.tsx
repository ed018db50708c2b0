import { Badge, Text, clx } from "@medusajs/ui"
import type { MessageView } from "../../../types"

const AUDIENCE = { customer: "To the customer", merchant: "To you" } as const
const KIND = { marketing: "Marketing", transactional: "Transactional" } as const

/** One message as a selectable row: title, who gets it, what triggers it. */
const MessageRow = ({
  message,
  selected,
  onSelect,
}: {
  message: MessageView
  selected: boolean
  onSelect: () => void
}) => (
  <button
    type="button"
    onClick={onSelect}
    aria-pressed={selected}
    data-testid={`message-${message.name}`}
    className={clx(
      "flex w-full flex-col gap-y-1 px-6 py-3 text-left transition-colors",
      selected ? "bg-ui-bg-highlight" : "hover:bg-ui-bg-base-hover"
    )}
  >
    <Text size="small" weight="plus">
      {message.title}
    </Text>
    <div className="flex flex-wrap gap-1">
      <Badge
        size="2xsmall"
        color={message.audience === "customer" ? "blue" : "grey"}
      >
        {AUDIENCE[message.audience]}
      </Badge>
      <Badge
        size="2xsmall"
        color={message.kind === "marketing" ? "purple" : "grey"}
      >
        {KIND[message.kind]}
      </Badge>
    </div>
    <Text size="xsmall" className="text-ui-fg-subtle">
      {message.trigger}
    </Text>
    {message.provider_template && (
      <Text size="xsmall" className="text-ui-fg-interactive">
        Uses your provider template "{message.provider_template}"
      </Text>
    )}
  </button>
)

/** Every message the plugin sends, customers' first, then yours. */
export const MessageList = ({
  messages,
  selected,
  onSelect,
}: {
  messages: MessageView[]
  selected: string | null
  onSelect: (name: string) => void
}) => {
  const groups = [
    {
      label: "To your customers",
      items: messages.filter((m) => m.audience === "customer"),
    },
    {
      label: "To you",
      items: messages.filter((m) => m.audience === "merchant"),
    },
  ]
  return (
    // Its own scroll area on wide screens, so the preview beside it stays
    // in view whichever message is chosen.
    <nav
      aria-label="Messages"
      className="flex flex-col lg:max-h-[960px] lg:overflow-y-auto"
    >
      {groups
        .filter((g) => g.items.length)
        .map((g) => (
          <div key={g.label} className="flex flex-col">
            <Text
              size="xsmall"
              weight="plus"
              className="text-ui-fg-muted px-6 pb-1 pt-4 uppercase"
            >
              {g.label}
            </Text>
            <div className="divide-y">
              {g.items.map((m) => (
                <MessageRow
                  key={m.name}
                  message={m}
                  selected={m.name === selected}
                  onSelect={() => onSelect(m.name)}
                />
              ))}
            </div>
          </div>
        ))}
    </nav>
  )
}
