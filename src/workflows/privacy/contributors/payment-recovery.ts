import { autopilotService } from "../../../runtime/settings"
import type { PrivacyContributor } from "./types"

/**
 * Payment recoveries keep the customer's email next to a payment and an
 * order. Erasure clears the email and keeps the record: it documents a
 * payment the shop must be able to account for.
 */
export const paymentRecoveryContributor: PrivacyContributor = {
  domain: "payment_recovery",

  async collect(container, { email }) {
    const rows = await autopilotService(container).listPaymentRecoveries(
      { email },
      { take: null, order: { created_at: "ASC" } }
    )
    return { autopilot_payment_recovery: rows }
  },

  async erase(container, { email }) {
    const service = autopilotService(container)
    const rows = await service.listPaymentRecoveries(
      { email },
      { take: null, select: ["id"] }
    )
    if (rows.length) {
      await service.updatePaymentRecoveries({
        selector: { id: rows.map((r) => r.id) },
        data: { email: null },
      })
    }
    return { autopilot_payment_recovery: rows.length }
  },
}
