import { cartsContributor } from "./carts"
import { notificationsContributor } from "./notifications"
import { paymentRecoveryContributor } from "./payment-recovery"
import { rateLimitsContributor } from "./rate-limits"
import { restockContributor } from "./restock"
import { shipmentsContributor } from "./shipments"
import type { PrivacyContributor } from "./types"

/**
 * Every domain of the plugin that holds personal data. Export, erasure and
 * retention walk this list: a domain that stores emails adds its file here.
 */
export const PRIVACY_CONTRIBUTORS: PrivacyContributor[] = [
  restockContributor,
  cartsContributor,
  paymentRecoveryContributor,
  rateLimitsContributor,
  notificationsContributor,
  shipmentsContributor,
]

export type {
  PrivacyContributor,
  PrivacySubject,
  RetentionContext,
  TableCounts,
} from "./types"
