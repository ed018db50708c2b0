import { Button, Input, Label, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation } from "@tanstack/react-query"
import { useState } from "react"
import { sdk } from "../lib/sdk"
import type { PersonEraseResponse } from "../../types"

/** What each part of the plugin holds about a person, in the merchant's words. */
const DOMAINS: Record<string, string> = {
  restock: "back-in-stock signups",
  carts: "cart reminders and leads",
  payment_recovery: "payment recoveries",
  shipments: "parcel updates",
  notifications: "sent messages",
  rate_limits: "signup limits",
}

/** "3 back-in-stock signups and 1 sent message", from the counts per table. */
export function erasedInWords(erased: Record<string, number>): string {
  const perDomain = new Map<string, number>()
  for (const [table, n] of Object.entries(erased)) {
    const domain = table.split(".")[0]
    perDomain.set(domain, (perDomain.get(domain) ?? 0) + n)
  }
  const parts = [...perDomain]
    .filter(([, n]) => n > 0)
    .map(
      ([d, n]) =>
        `${n} ${n === 1 ? "record" : "records"} of ${DOMAINS[d] ?? d.replace(/_/g, " ")}`
    )
  return parts.length ? parts.join(", ") : "nothing (no records held)"
}

/**
 * Erases what Autopilot holds about one email address (a privacy request),
 * after asking: the merchant types the address again to confirm.
 */
export const ErasePerson = () => {
  const [email, setEmail] = useState("")
  const prompt = usePrompt()
  const erase = useMutation({
    mutationFn: (address: string) =>
      sdk.client.fetch<PersonEraseResponse>("/admin/autopilot/people/erase", {
        method: "POST",
        body: { email: address },
      }),
  })
  const valid = /^[^\s@]+@[^\s@]+$/.test(email.trim())
  return (
    <form
      className="flex flex-col gap-y-2"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault()
        const address = email.trim()
        const confirmed = await prompt({
          title: `Erase everything Autopilot holds about ${address}?`,
          description:
            "Back-in-stock signups, cart reminders, leads, payment recoveries and parcel updates for this address are erased or anonymised. This cannot be undone; orders and customers in Medusa are not touched.",
          confirmText: "Erase",
          cancelText: "Cancel",
          verificationText: address,
          verificationInstruction: "Type the email address to confirm:",
        })
        if (!confirmed) return
        erase.mutate(address, {
          onSuccess: ({ erased }) => {
            toast.success(`Erased for ${address}: ${erasedInWords(erased)}`)
            setEmail("")
          },
          onError: (err) => toast.error(err.message),
        })
      }}
    >
      <Label htmlFor="autopilot-erase-email" size="small" weight="plus">
        Erase a person&apos;s data
      </Label>
      <Text size="xsmall" className="text-ui-fg-subtle">
        For a privacy request: removes what Autopilot keeps about one email
        address.
      </Text>
      <div className="flex items-center gap-x-2">
        <Input
          id="autopilot-erase-email"
          size="small"
          type="email"
          className="w-80"
          placeholder="name@example.com"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Button
          size="small"
          variant="danger"
          type="submit"
          disabled={!valid}
          isLoading={erase.isPending}
          data-testid="autopilot-erase-person"
        >
          Erase
        </Button>
      </div>
    </form>
  )
}
