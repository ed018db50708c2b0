import type { MedusaContainer } from "@medusajs/framework/types"
import { loadEffectiveSetting } from "../../runtime/settings"
import { cadencePresetName, type PaymentRecoveryOptions } from "./cadence"

/** The job's options as they stand (admin override over plugin options). */
export async function loadPaymentRecoveryOptions(
  container: MedusaContainer
): Promise<PaymentRecoveryOptions> {
  const setting = await loadEffectiveSetting(container, "payment-recovery")
  return setting.options as PaymentRecoveryOptions
}

/**
 * Each record with the cadence preset its provider follows under the
 * current options (`cadence_preset`), computed at read time — nothing is
 * stored, so a changed option shows at once.
 */
export function withCadencePreset<T extends { provider_id: string }>(
  rows: T[],
  options: PaymentRecoveryOptions
): (T & { cadence_preset: string })[] {
  return rows.map((row) => ({
    ...row,
    cadence_preset: cadencePresetName(row.provider_id, options),
  }))
}
