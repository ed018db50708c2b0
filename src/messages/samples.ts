import type { NotificationName } from "../catalog/notifications"

const STOREFRONT = "https://shop.example.com"

const shipment = (status: string, extra: Record<string, unknown> = {}) => ({
  order_id: "order_01JSAMPLE",
  order_display_id: 1042,
  locale: null,
  items: [
    {
      title: "M / Navy",
      product_title: "Merino Crew Sweater",
      variant_title: "M / Navy",
      sku: "MERINO-M-NAVY",
      quantity: 1,
      thumbnail: `${STOREFRONT}/images/merino-navy.jpg`,
    },
    {
      title: "One size",
      product_title: "Wool Beanie",
      variant_title: "One size",
      sku: "BEANIE-GREY",
      quantity: 2,
      thumbnail: `${STOREFRONT}/images/beanie-grey.jpg`,
    },
  ],
  provider: "dhl",
  carrier: "DHL",
  tracking_number: "JJD000390007234561",
  tracking_url: "https://www.dhl.com/track?tracking-id=JJD000390007234561",
  tracking_token: "sample-tracking-token",
  tracking_page_url: `${STOREFRONT}/order/track?token=sample-tracking-token`,
  status,
  status_message: null,
  estimated_delivery:
    status === "delivered" ? null : "2026-12-09T00:00:00.000Z",
  parcel: { index: 1, total: 2 },
  parcels: { total: 2, delivered: status === "delivered" ? 2 : 0, summary: "" },
  all_delivered: status === "delivered",
  ...extra,
})

const SAMPLES: Record<NotificationName, () => Record<string, unknown>> = {
  "autopilot.merchant.attention": () => ({
    subject: "A paid cart needs your attention",
    reason: "the payment was captured but the order could not be created",
    cart_id: "cart_01JSAMPLE",
    payment_session_id: "payses_01JSAMPLE",
    provider_id: "pp_stripe_stripe",
    provider_reference: "pi_3SAMPLE",
    amount: 129.9,
    currency_code: "eur",
    customer_email: "ann@example.com",
    refunded: false,
  }),
  "autopilot.merchant.job_paused": () => ({
    subject: 'Autopilot switched off "Shipment tracking"',
    job_name: "shipment-tracking",
    job_title: "Shipment tracking",
    failed_runs: 5,
    last_error: "carrier API answered 503 Service Unavailable",
    reason:
      "switched off after 5 failed runs in a row (last error: carrier API answered 503 Service Unavailable)",
  }),
  "autopilot.merchant.job_stale": () => ({
    subject:
      'Autopilot: "Back-in-stock alerts" has not succeeded since 2026-12-01T08:00:00.000Z',
    job_name: "restock-alerts",
    job_title: "Back-in-stock alerts",
    last_success_at: "2026-12-01T08:00:00.000Z",
    consecutive_failures: 12,
  }),
  "autopilot.merchant.shipment_problem": () => ({
    ...shipment("exception", {
      status_message: "Address incomplete: house number missing",
    }),
    subject: "A parcel of order #1042 has a problem",
    customer_email: "ann@example.com",
  }),
  "autopilot.merchant.low_stock": () => ({
    subject: "2 variants are running low",
    variants: [
      {
        variant_id: "variant_01JSAMPLE1",
        sku: "MERINO-M-NAVY",
        title: "Merino Crew Sweater – M / Navy",
        available: 1,
        threshold: 5,
      },
      {
        variant_id: "variant_01JSAMPLE2",
        sku: "BEANIE-GREY",
        title: "Wool Beanie – One size",
        available: 3,
        threshold: 5,
      },
    ],
    total: 2,
  }),
  "autopilot.shipment.shipped": () => shipment("in_transit"),
  "autopilot.shipment.out_for_delivery": () =>
    shipment("out_for_delivery", { problem: "out_for_delivery" }),
  "autopilot.shipment.delivered": () =>
    shipment("delivered", { problem: "delivered" }),
  "autopilot.shipment.problem": () =>
    shipment("attempt_failed", {
      problem: "attempt_failed",
      status_message: "Recipient not at home; card left",
    }),
  "autopilot.shipment.all_delivered": () =>
    shipment("delivered", { parcel: { index: 2, total: 2 } }),
  "autopilot.merchant.shipment_late": () => ({
    ...shipment("in_transit", { lateness: "stalled" }),
    late_since: "2026-12-08T09:00:00.000Z",
    subject: "A parcel of order #1042 is stuck",
    customer_email: "ann@example.com",
  }),
  "autopilot.shipment.running_late": () =>
    shipment("in_transit", { lateness: "delayed" }),
  "autopilot.restock.confirm": () => ({
    variant_id: "variant_01JSAMPLE1",
    locale: null,
    product_title: "Merino Crew Sweater",
    variant_title: "M / Navy",
    thumbnail: `${STOREFRONT}/images/merino-navy.jpg`,
    confirm_url: `${STOREFRONT}/autopilot/confirm?token=sample-confirm-token`,
    unsubscribe_url: `${STOREFRONT}/autopilot/unsubscribe?token=sample-unsubscribe-token`,
  }),
  "autopilot.restock.available": () => ({
    locale: null,
    product_title: "Merino Crew Sweater",
    variant_title: "M / Navy",
    sku: "MERINO-M-NAVY",
    thumbnail: `${STOREFRONT}/images/merino-navy.jpg`,
    available: 4,
    product_url: `${STOREFRONT}/products/merino-crew-sweater?variant=variant_01JSAMPLE1&autopilot_restock=sample-alert-token`,
    unsubscribe_url: `${STOREFRONT}/autopilot/unsubscribe?token=sample-unsubscribe-token`,
  }),
  "autopilot.cart.reminder": () => ({
    step: 1,
    steps: 3,
    cart_id: "cart_01JSAMPLE",
    email: "ann@example.com",
    locale: null,
    currency_code: "eur",
    items: [
      {
        title: "Merino Crew Sweater",
        product_title: "Merino Crew Sweater",
        variant_title: "M / Navy",
        sku: "MERINO-M-NAVY",
        quantity: 1,
        thumbnail: `${STOREFRONT}/images/merino-navy.jpg`,
        unit_price: 89.9,
      },
      {
        title: "Wool Beanie",
        product_title: "Wool Beanie",
        variant_title: "One size",
        sku: "BEANIE-GREY",
        quantity: 2,
        thumbnail: `${STOREFRONT}/images/beanie-grey.jpg`,
        unit_price: 19.95,
      },
    ],
    totals: {
      item_total: 129.8,
      subtotal: 129.8,
      shipping_total: 0,
      discount_total: 0,
      tax_total: 20.72,
      total: 129.8,
    },
    recovery_url: `${STOREFRONT}/cart/recover?token=sample-recovery-token`,
    unsubscribe_url: `${STOREFRONT}/autopilot/unsubscribe?token=sample-unsubscribe-token`,
    // A step with `discount` (see the cart-reminders `steps` option).
    discount: {
      code: "BACK-7KQ2-MX4P-9TZC",
      type: "percentage",
      value: 10,
      currency_code: null,
      min_subtotal: 50,
      expires_at: "2026-06-14T10:00:00.000Z",
    },
  }),
}

/** The storefront URL the samples' links are on. */
export const SAMPLE_STOREFRONT_URL = STOREFRONT

/**
 * A realistic, static example of a message's data, with every field the
 * plugin's sender passes (links on {@link SAMPLE_STOREFRONT_URL}). A fresh
 * object each call.
 */
export function sampleData(name: NotificationName): Record<string, unknown> {
  return SAMPLES[name]()
}
