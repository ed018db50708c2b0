/** What a subscription says about its owner's consent. */
export type ConsentTrace = {
  status: string
  unsubscribed_at: Date | string | null
  confirmed_at: Date | string | null
}

function time(value: Date | string | null): number {
  return value ? new Date(value).getTime() : -Infinity
}

/**
 * Whether an address's unsubscribe from a variant's alerts still stands,
 * given all its subscriptions to that variant (any channel): it unsubscribed
 * (status `unsubscribed`, or an `unsubscribed_at` kept by a signup that was
 * never confirmed) later than it last confirmed a signup through the link.
 * While it stands, a new signup for that address waits for the owner's
 * confirmation, whatever the shop's opt-in setting: anyone can post an
 * address to the signup route.
 *
 * @example
 * unsubscribeStands([{ status: "unsubscribed", unsubscribed_at: at, confirmed_at: null }]) // true
 */
export function unsubscribeStands(subscriptions: ConsentTrace[]): boolean {
  let no = -Infinity
  let yes = -Infinity
  for (const s of subscriptions) {
    if (s.status === "unsubscribed" || s.unsubscribed_at) {
      // An unsubscribed row without its date still counts as a no.
      no = Math.max(no, s.unsubscribed_at ? time(s.unsubscribed_at) : Infinity)
    }
    yes = Math.max(yes, time(s.confirmed_at))
  }
  return no > yes
}
