import { AfterShipClient } from "./aftership/client"
import { EasyPostClient } from "./easypost/client"
import type { HttpOptions } from "./http"
export { MAX_ANSWER_BYTES } from "./http"
import { SandboxClient } from "./sandbox/client"
import { SeventeenTrackClient } from "./seventeen-track/client"
import { ShippoClient } from "./shippo/client"
import type { CarrierClient, ProviderAvailability, ProviderName } from "./types"

export * from "./types"
export { applyEvents, decide, isTerminal, TERMINAL_STATUSES } from "./status"

/** One HTTP provider's settings (`jobs["shipment-tracking"].options.providers.<name>`). */
export type ProviderSettings = {
  api_key?: string
  webhook_secret?: string
  base_url: string
  rate_limit_per_second: number
  carrier?: string
}

export type ProvidersOptions = {
  aftership: ProviderSettings
  easypost: ProviderSettings
  shippo: ProviderSettings
  "17track": ProviderSettings
  sandbox: { enabled: boolean; webhook_secret?: string }
}

export type CarrierRuntime = {
  timeoutMs: number
  /** Largest answer read per request; 1 MiB (`MAX_ANSWER_BYTES`) when unset. */
  maxAnswerBytes?: number
  maxRetryAfterSeconds: number
  now: () => Date
}

/** Whether a provider can be used, and if not, why (shown in the admin). */
export function providerAvailability(
  name: ProviderName,
  providers: ProvidersOptions
): ProviderAvailability {
  if (name === "sandbox") {
    return providers.sandbox.enabled
      ? { enabled: true, reason: null }
      : {
          enabled: false,
          reason: "the sandbox carrier is off (providers.sandbox.enabled)",
        }
  }
  if (!providers[name].api_key) {
    return {
      enabled: false,
      reason: `missing providers.${name}.api_key`,
    }
  }
  return { enabled: true, reason: null }
}

function http(
  settings: ProviderSettings,
  runtime: CarrierRuntime
): HttpOptions {
  return {
    baseUrl: settings.base_url.replace(/\/$/, ""),
    timeoutMs: runtime.timeoutMs,
    maxAnswerBytes: runtime.maxAnswerBytes,
    ratePerSecond: settings.rate_limit_per_second,
    maxRetryAfterSeconds: runtime.maxRetryAfterSeconds,
    max429Retries: 3,
  }
}

/**
 * The client for a provider, or null when it is disabled (missing
 * credentials): a disabled provider is reported, never a crash.
 */
export function createCarrier(
  name: ProviderName,
  providers: ProvidersOptions,
  runtime: CarrierRuntime
): CarrierClient | null {
  if (!providerAvailability(name, providers).enabled) return null
  switch (name) {
    case "aftership": {
      const s = providers.aftership
      return new AfterShipClient({
        apiKey: s.api_key!,
        webhookSecret: s.webhook_secret,
        http: http(s, runtime),
        now: runtime.now,
      })
    }
    case "easypost": {
      const s = providers.easypost
      return new EasyPostClient({
        apiKey: s.api_key!,
        webhookSecret: s.webhook_secret,
        carrier: s.carrier,
        http: http(s, runtime),
        now: runtime.now,
      })
    }
    case "shippo": {
      const s = providers.shippo
      return new ShippoClient({
        apiKey: s.api_key!,
        webhookToken: s.webhook_secret,
        carrier: s.carrier,
        http: http(s, runtime),
        now: runtime.now,
      })
    }
    case "17track": {
      const s = providers["17track"]
      return new SeventeenTrackClient({
        apiKey: s.api_key!,
        webhookSecret: s.webhook_secret,
        http: http(s, runtime),
        now: runtime.now,
      })
    }
    case "sandbox":
      return new SandboxClient({
        webhookSecret: providers.sandbox.webhook_secret,
        now: runtime.now,
      })
  }
}

/** A routing rule: which provider follows which shipments. */
export type RoutingRule = {
  provider: ProviderName
  shipping_option_id?: string
  fulfillment_provider_id?: string
  tracking_number_pattern?: string
  /** The provider's carrier code for these shipments (Shippo needs one). */
  carrier?: string
}

export type RouteInput = {
  tracking_number: string
  shipping_option_id?: string | null
  fulfillment_provider_id?: string | null
}

/**
 * The first rule whose every given condition matches the shipment (shipping
 * option, fulfillment provider, tracking-number pattern), else the default
 * provider; null when neither applies.
 */
export function routeShipment(
  input: RouteInput,
  rules: RoutingRule[],
  defaultProvider: ProviderName | undefined
): { provider: ProviderName; carrier: string | null } | null {
  for (const rule of rules) {
    if (
      rule.shipping_option_id &&
      rule.shipping_option_id !== input.shipping_option_id
    ) {
      continue
    }
    if (
      rule.fulfillment_provider_id &&
      rule.fulfillment_provider_id !== input.fulfillment_provider_id
    ) {
      continue
    }
    if (
      rule.tracking_number_pattern &&
      !new RegExp(rule.tracking_number_pattern).test(input.tracking_number)
    ) {
      continue
    }
    return { provider: rule.provider, carrier: rule.carrier ?? null }
  }
  return defaultProvider ? { provider: defaultProvider, carrier: null } : null
}
