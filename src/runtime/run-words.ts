import type { RunCounters, RunTrigger } from "../types"

/**
 * A run's record in the merchant's words: what each recorded action means
 * ("Would fix 1 reserved-quantity drift"), how it was started, what it
 * changed. Pure: the names of the things come from `labels.ts`.
 */

/** "1 run", "2 runs"; `many` when the plural is not just an added "s". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

type Noun = [one: string, many: string]

/** What one action did: a verb for "would …", its past, and what it acted on. */
type Phrase =
  | { verb: string; past: string; noun: Noun }
  | { text: (n: number, dryRun: boolean) => string }

const FINDINGS: Record<string, Noun> = {
  reserved_drift: ["reserved-quantity drift", "reserved-quantity drifts"],
  orphaned_reservation: ["orphaned reservation", "orphaned reservations"],
  negative_stock: ["negative stock level", "negative stock levels"],
  overreserved: ["over-reserved stock level", "over-reserved stock levels"],
  unused_location_stock: [
    "stock level at an unused location",
    "stock levels at unused locations",
  ],
}

const MESSAGES: Record<string, Noun> = {
  "autopilot.cart.reminder": ["cart reminder", "cart reminders"],
  "autopilot.cart.recovered": [
    "cart-recovered message",
    "cart-recovered messages",
  ],
  "autopilot.restock.available": [
    "back-in-stock alert",
    "back-in-stock alerts",
  ],
  "autopilot.restock.confirm": ["signup confirmation", "signup confirmations"],
  "autopilot.shipment.shipped": ["shipping notice", "shipping notices"],
  "autopilot.shipment.out_for_delivery": [
    "out-for-delivery notice",
    "out-for-delivery notices",
  ],
  "autopilot.shipment.delivered": ["delivery notice", "delivery notices"],
  "autopilot.shipment.all_delivered": [
    "all-delivered notice",
    "all-delivered notices",
  ],
  "autopilot.shipment.problem": [
    "delivery problem notice",
    "delivery problem notices",
  ],
  "autopilot.payment.recovered": [
    "payment-recovered message",
    "payment-recovered messages",
  ],
  "autopilot.merchant.low_stock": [
    "low-stock digest to the shop",
    "low-stock digests to the shop",
  ],
  "autopilot.merchant.attention": [
    "payment alert to the shop",
    "payment alerts to the shop",
  ],
  "autopilot.merchant.shipment_problem": [
    "parcel problem alert to the shop",
    "parcel problem alerts to the shop",
  ],
  "autopilot.merchant.shipment_late": [
    "late-parcel alert to the shop",
    "late-parcel alerts to the shop",
  ],
  "autopilot.shipment.running_late": [
    "running-late notice",
    "running-late notices",
  ],
  "autopilot.merchant.job_paused": [
    "job-paused alert to the shop",
    "job-paused alerts to the shop",
  ],
  "autopilot.merchant.job_stale": [
    "late-job alert to the shop",
    "late-job alerts to the shop",
  ],
}

const PARCEL: Noun = ["parcel", "parcels"]
const PAYMENT: Noun = ["payment", "payments"]
const CART: Noun = ["cart", "carts"]

const PRUNE_CLASSES: Record<string, Noun> = {
  empty: ["empty cart", "empty carts"],
  anonymous: ["anonymous cart", "anonymous carts"],
  customer: [
    "cart with an email or customer",
    "carts with an email or customer",
  ],
}

function humanize(s: string): string {
  return s
    .replace(/^autopilot[._]/, "")
    .replace(/[._:-]+/g, " ")
    .trim()
}

/** A parcel status after "is now" / "are now". */
const STATUS_WORDS: Record<string, string> = {
  pending: "waiting for the carrier",
  info_received: "registered with the carrier",
  in_transit: "in transit",
  out_for_delivery: "out for delivery",
  available_for_pickup: "ready for pickup",
  delivered: "delivered",
  attempt_failed: "waiting after a failed delivery attempt",
  exception: "held up at the carrier",
  returned_to_sender: "on the way back to the shop",
  expired: "no longer tracked by the carrier",
}

function statusWord(status: string): string {
  return STATUS_WORDS[status] ?? humanize(status)
}

/** The phrase of an action as a job records it; `would-` marks dry-run actions. */
function phraseOf(jobName: string, action: string): Phrase {
  const [head, rest = ""] = action.split(/:(.*)/s)
  switch (head) {
    case "finding":
      return {
        verb: "record",
        past: "Found",
        noun: FINDINGS[rest] ?? [humanize(rest), `${humanize(rest)}s`],
      }
    case "would-fix":
    case "fixed":
      return {
        verb: "fix",
        past: "Fixed",
        noun: FINDINGS[rest] ?? [humanize(rest), `${humanize(rest)}s`],
      }
    case "notify":
      return {
        verb: "send",
        past: "Sent",
        noun: MESSAGES[rest] ?? [
          `${humanize(rest)} message`,
          `${humanize(rest)} messages`,
        ],
      }
    case "retention": {
      const what = humanize(rest.replace(/^autopilot_/, ""))
      return {
        verb: "delete",
        past: "Deleted",
        noun: [`old ${what} record`, `old ${what} records`],
      }
    }
    case "status":
      return {
        text: (n, dry) =>
          `${plural(n, "parcel")} ${dry ? "would now be" : n === 1 ? "is now" : "are now"} ${statusWord(rest)}`,
      }
  }
  const step = /^would-remind:step-(\d+)$/.exec(action)
  if (step) {
    return {
      verb: "send",
      past: "Sent",
      noun: [`reminder (step ${step[1]})`, `reminders (step ${step[1]})`],
    }
  }
  const pruned = /^(?:would-prune|pruned)-(\w+)$/.exec(action)
  if (pruned) {
    return {
      verb: "prune",
      past: "Pruned",
      noun: PRUNE_CLASSES[pruned[1]] ?? CART,
    }
  }
  switch (action) {
    case "resolved":
      return {
        text: (n, dry) =>
          `${plural(n, "finding")} ${dry ? "would be" : n === 1 ? "was" : "were"} no longer found`,
      }
    case "low-stock":
      return {
        text: (n) =>
          `${plural(n, "variant")} below ${n === 1 ? "its" : "their"} low-stock threshold`,
      }
    case "would-expire":
    case "expire":
      return jobName === "shipment-tracking"
        ? { verb: "stop following", past: "Stopped following", noun: PARCEL }
        : {
            verb: "expire",
            past: "Expired",
            noun: ["back-in-stock signup", "back-in-stock signups"],
          }
    case "would-alert":
      return {
        verb: "alert",
        past: "Alerted",
        noun: ["waiting shopper", "waiting shoppers"],
      }
    case "would-archive-lead":
    case "archived-lead":
      return {
        verb: "keep",
        past: "Kept",
        noun: ["lead of a pruned cart", "leads of pruned carts"],
      }
    case "kept-changed-since-planned":
      return {
        verb: "keep",
        past: "Kept",
        noun: ["cart that changed meanwhile", "carts that changed meanwhile"],
      }
    case "kept-live-payment":
      return {
        verb: "keep",
        past: "Kept",
        noun: [
          "cart with a payment in progress",
          "carts with a payment in progress",
        ],
      }
    case "discount-code":
      return {
        verb: "create",
        past: "Created",
        noun: ["single-use discount code", "single-use discount codes"],
      }
    case "discount-skipped-other-currency":
    case "discount-skipped-under-minimum":
      return {
        text: (n) =>
          `${plural(n, "reminder")} without a discount code: the cart is ${action.endsWith("minimum") ? "under the minimum" : "in another currency"}`,
      }
    case "would-remove-discount-code":
    case "removed-discount-code":
      return {
        verb: "delete",
        past: "Deleted",
        noun: [
          "expired or unused discount code",
          "expired or unused discount codes",
        ],
      }
    case "kept-used-discount-code":
      return {
        verb: "keep",
        past: "Kept",
        noun: ["discount code an order used", "discount codes orders used"],
      }
    case "would-delete-orphan-address":
    case "deleted-orphan-address":
      return {
        verb: "delete",
        past: "Deleted",
        noun: ["unused cart address", "unused cart addresses"],
      }
    case "mark_delivered":
      return {
        verb: "mark",
        past: "Marked",
        noun: [
          "fulfillment delivered in Medusa",
          "fulfillments delivered in Medusa",
        ],
      }
    case "set-stock":
      return {
        verb: "set",
        past: "Set",
        noun: ["stock level from the feed", "stock levels from the feed"],
      }
    case "start":
      return jobName === "shipment-tracking"
        ? { verb: "start following", past: "Started following", noun: PARCEL }
        : { verb: "start", past: "Started", noun: ["item", "items"] }
    case "track":
      return {
        verb: "start following",
        past: "Started following",
        noun: PAYMENT,
      }
    case "check":
      return {
        verb: "check",
        past: "Checked",
        noun: jobName === "shipment-tracking" ? PARCEL : PAYMENT,
      }
    case "needs_attention":
      return {
        verb: "flag",
        past: "Flagged",
        noun: ["payment for attention", "payments for attention"],
      }
    case "not_allowed":
      return {
        verb: "skip",
        past: "Skipped",
        noun: [
          "payment the provider may not be asked about",
          "payments the provider may not be asked about",
        ],
      }
    case "abandoned":
      return {
        verb: "give up on",
        past: "Gave up on",
        noun: ["abandoned payment", "abandoned payments"],
      }
    case "authorized":
      return {
        verb: "mark",
        past: "Marked",
        noun: ["payment authorized", "payments authorized"],
      }
    case "recovered":
      return { verb: "recover", past: "Recovered", noun: PAYMENT }
    case "authorization_warning":
      return {
        verb: "warn about",
        past: "Warned about",
        noun: ["authorization about to lapse", "authorizations about to lapse"],
      }
    case "unconfirmed":
      return {
        text: (n) =>
          `${plural(n, "message")} may or may not have been sent (the provider did not confirm)`,
      }
    case "deferred":
      return {
        text: (n) =>
          `${plural(n, "message")} waiting for the contact window or the address's limit`,
      }
  }
  const words = humanize(action.replace(/^would-/, ""))
  return { text: (n, dry) => `${dry ? "Would " : ""}${words}: ${n}` }
}

/**
 * One action of a run as a sentence: "Would fix 1 reserved-quantity
 * drift", "Sent 3 cart reminders". Actions named `would-…` are dry-run
 * actions whatever the run says.
 */
export function describeAction(
  jobName: string,
  action: string,
  count: number,
  dryRun: boolean
): string {
  const dry = dryRun || action.startsWith("would-")
  const phrase = phraseOf(jobName, action)
  if ("text" in phrase) return phrase.text(count, dry)
  const [one, many] = phrase.noun
  const what = plural(count, one, many)
  return dry ? `Would ${phrase.verb} ${what}` : `${phrase.past} ${what}`
}

/** What a run changed, or would have: "Would change 2", "Changed 1 item". */
export function describeOutcome(
  counters: RunCounters,
  dryRun: boolean
): string {
  const { changed } = counters
  if (!changed) return dryRun ? "Would change nothing" : "Changed nothing"
  return dryRun
    ? `Would change ${plural(changed, "item")}`
    : `Changed ${plural(changed, "item")}`
}

/** How a run was started, with who started it when known. */
export function describeTrigger(
  trigger: RunTrigger | string,
  actor: string | null
): string {
  switch (trigger) {
    case "schedule":
      return "Scheduled"
    case "catch_up":
      return "Catch-up of a missed slot"
    case "manual":
      return actor ? `Run by ${actor}` : "Run from the admin"
    case "api":
      return actor ? `Run by ${actor}` : "Run through the API"
    default:
      return humanize(trigger)
  }
}
