import type { MedusaContainer } from "@medusajs/framework/types"
import { autopilotService } from "../runtime/settings"

/** The id prefix of cart leads: an unsubscribe token naming one is a cart reminder's. */
export const CART_LEAD_PREFIX = "apcl_"

/**
 * Unsubscribes the email of a cart lead (the subject of a reminder's
 * unsubscribe link) from cart reminders, plugin-wide. Returns null when the
 * lead does not exist, otherwise the opt-out row this call created (null id
 * when the address had already unsubscribed).
 */
export async function optOutOfCartReminders(
  container: MedusaContainer,
  leadId: string
): Promise<{ created: string | null } | null> {
  const service = autopilotService(container)
  const [lead] = await service.listCartLeads({ id: leadId })
  if (!lead?.email) return null
  const [existing] = await service.listCartOptouts({ email: lead.email })
  if (existing) return { created: null }
  try {
    const row = await service.createCartOptouts({
      email: lead.email,
      lead_id: lead.id,
    })
    return { created: row.id }
  } catch {
    // Unsubscribed at the same moment through another link (unique email).
    return { created: null }
  }
}

/** Undoes {@link optOutOfCartReminders} (workflow rollback). */
export async function undoCartOptout(
  container: MedusaContainer,
  optoutId: string
): Promise<void> {
  await autopilotService(container).deleteCartOptouts([optoutId])
}
