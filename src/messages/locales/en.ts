import type { Catalog } from "./types"

/**
 * English, the reference catalog: every other locale has exactly these
 * keys, and the `messages` option may override only these keys. `{name}`
 * is filled in when the message is rendered (as text, never as HTML).
 */
export const en = {
  common: {
    unsubscribe: "Unsubscribe",
    unsubscribe_line: "Don't want these emails any more?",
    questions: "Questions? Write to us at {email}.",
    sent_by: "Sent by {shop}",
    quantity: "Qty {quantity}",
    order_label: "Order",
    parcel_label: "Parcel",
    items_heading: "In this parcel",
    carrier: "Carrier",
    tracking_number: "Tracking number",
    estimated_delivery: "Expected delivery",
    parcel: "{index} of {total}",
    track_button: "Track your parcel",
    customer_reason:
      "You get this email because you placed an order at {shop}.",
    merchant_reason:
      "You get this alert because this address is the merchant email in the Autopilot settings of {shop}.",
    amount: "Amount",
    customer: "Customer",
    provider: "Provider",
    reference: "Reference",
    none: "none",
  },
  "autopilot.merchant.attention": {
    subject: "A payment needs your attention",
    preview: "Autopilot could not settle a payment by itself.",
    heading: "A payment needs your attention",
    intro:
      "Autopilot could not settle this payment by itself. Reason: {reason}.",
    cart: "Cart",
    payment: "Payment",
    refunded: "Refunded or canceled by Medusa",
    yes: "yes",
    no: "no",
    action:
      "Open the cart's payment in your Medusa admin and decide whether to complete the order or refund the shopper.",
  },
  "autopilot.merchant.job_paused": {
    subject: 'Autopilot switched off "{job}"',
    preview: "The job failed {count} times in a row.",
    heading: 'Autopilot switched off "{job}"',
    intro:
      '"{job}" failed {count} times in a row, so Autopilot switched it off rather than keep failing.',
    last_error: "Last error",
    action:
      "Fix the cause, then switch the job on again in your Medusa admin under Autopilot.",
  },
  "autopilot.merchant.job_stale": {
    subject: '"{job}" has not succeeded since {date}',
    preview: "A background job has stopped succeeding.",
    heading: '"{job}" has not succeeded for a while',
    intro:
      'The last successful run of "{job}" was on {date}. It has failed {count} times in a row since.',
    never: "never",
    action:
      "Open the job in your Medusa admin under Autopilot to see its last runs and errors.",
  },
  "autopilot.merchant.shipment_problem": {
    subject_exception: "A parcel of order #{order} has a problem",
    subject_returned: "A parcel of order #{order} is going back to you",
    preview: "The carrier reported a problem with a parcel.",
    heading: "A parcel needs your attention",
    intro_exception:
      "The carrier reported a problem with a parcel of order #{order}.",
    intro_returned: "A parcel of order #{order} is being returned to you.",
    carrier_message: "The carrier says: {message}",
    action:
      "Contact the customer or the carrier, and check the order in your Medusa admin.",
  },
  "autopilot.merchant.low_stock": {
    subject: "{count} variants are running low",
    preview: "Some of your products are at or below their low-stock threshold.",
    heading: "Running low",
    intro: "These variants are at or below their low-stock threshold:",
    available: "{count} available",
    more: "…and {count} more: see Inventory in your Medusa admin.",
  },
  "autopilot.shipment.shipped": {
    subject: "Your order #{order} is on its way",
    preview: "Your parcel has left us. Follow it with {carrier}.",
    heading: "Your order is on its way",
    intro: "Good news: your parcel has left us and is on its way to you.",
  },
  "autopilot.shipment.out_for_delivery": {
    subject: "Your order #{order} arrives today",
    preview: "Your parcel is out for delivery.",
    heading: "Out for delivery",
    intro: "Your parcel is out for delivery and should arrive today.",
  },
  "autopilot.shipment.delivered": {
    subject: "Your order #{order} has been delivered",
    preview: "Your parcel has arrived.",
    heading: "Delivered",
    intro: "Your parcel has been delivered. We hope you enjoy it!",
    not_received: "Not received it? Write to us and we will sort it out.",
  },
  "autopilot.shipment.problem": {
    subject: "A delivery problem with your order #{order}",
    preview: "The carrier could not deliver your parcel.",
    heading: "A problem with your delivery",
    intro_attempt_failed:
      "The carrier tried to deliver your parcel but could not. They usually try again or leave a note saying where to collect it.",
    intro_exception:
      "The carrier reported a problem with your parcel. We are keeping an eye on it.",
    carrier_message: "The carrier says: {message}",
  },
  "autopilot.shipment.all_delivered": {
    subject: "Every parcel of your order #{order} has arrived",
    preview: "All {total} parcels have been delivered.",
    heading: "Everything has arrived",
    intro: "All {total} parcels of your order have been delivered.",
  },
  "autopilot.restock.confirm": {
    subject: "Please confirm your back-in-stock alert",
    preview: "One click and we'll tell you when it's back.",
    heading: "One more step",
    intro:
      "Confirm that you want an email from {shop} when {product} is back in stock.",
    this_item: "this item",
    button: "Confirm my alert",
    expires: "The link works for 7 days.",
    ignore:
      "Didn't ask for this? Ignore this email and you won't hear from us about it.",
    reason:
      "You get this email because this address was entered to be told when an item is back in stock at {shop}.",
  },
  "autopilot.restock.available": {
    subject: "{product} is back in stock",
    preview: "The item you were waiting for is available again.",
    heading: "It's back!",
    intro:
      "Good news: {product} is available again at {shop}. Stock is limited, so don't wait too long.",
    only_left: "Only {count} left.",
    button: "Shop now",
    reason:
      "You get this email because you asked {shop} to tell you when this item is back in stock.",
  },
  "autopilot.merchant.shipment_late": {
    subject_delayed: "A parcel of order #{order} is late",
    subject_stalled: "A parcel of order #{order} is stuck",
    preview_delayed: "A parcel is past the carrier's expected delivery.",
    preview_stalled: "The carrier has had no news of a parcel for days.",
    heading: "A parcel is running late",
    intro_delayed_expected:
      "A parcel of order #{order} was expected by {date} and has not been delivered.",
    intro_delayed:
      "A parcel of order #{order} is past the carrier's expected delivery.",
    intro_stalled:
      "The carrier has reported nothing new about a parcel of order #{order} for days.",
    since: "Late since {date}.",
    action:
      "Check with the carrier, let the customer know, and see the order in your Medusa admin.",
  },
  "autopilot.shipment.running_late": {
    subject: "Your order #{order} is running late",
    preview: "Your parcel is taking longer than expected.",
    heading: "Your parcel is running late",
    intro_expected:
      "The carrier expected to deliver your parcel by {date}, and it is taking longer.",
    intro: "Your parcel is taking longer than the carrier expected.",
    reassure:
      "We are keeping an eye on it and will let you know when it arrives.",
  },
  "autopilot.cart.reminder": {
    subject: "You left something in your cart",
    subject_followup: "Your cart at {shop} is still waiting",
    preview: "Your items are saved. Pick up where you left off.",
    heading: "Still thinking it over?",
    intro:
      "You left these items in your cart at {shop}. We saved them for you.",
    total: "Total",
    button: "Return to your cart",
    button_discount: "Return to your cart, code applied",
    preview_discount: "Your items are saved, and here is a code for you.",
    discount_percentage: "Here is {value}% off your cart with code",
    discount_fixed: "Here is {amount} off your cart with code",
    discount_minimum: "For carts of {amount} or more.",
    discount_expires: "The code works once, until {date} (UTC).",
    reason: "You get this email because you left items in your cart at {shop}.",
  },
} satisfies Catalog
