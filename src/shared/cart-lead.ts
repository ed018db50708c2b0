import type { CartLeadKind } from "../types"

/**
 * What makes a cart a lead, and what kind: the rules the cart-reminders
 * and cart-pruning jobs follow when they write a lead, and the leads list
 * when it reads them. `archiveCartLeads` (the module's SQL) applies the same
 * rule to the carts it snapshots.
 */

/** A cart as far as {@link isLead} looks at it. */
export type LeadCandidate = {
  email?: string | null
  customer_id?: string | null
  /** Live line items. */
  item_count: number
  /** The cart's total; left out where it is not known (counted as positive). */
  total?: number | string | null
}

/**
 * A cart is a lead when someone can be told about it (an email or a
 * customer) and there is something in it worth coming back for: at least
 * one item and a total above zero.
 */
export function isLead(cart: LeadCandidate): boolean {
  if (!cart.email && !cart.customer_id) return false
  if (cart.item_count <= 0) return false
  if (cart.total === undefined) return true
  const total = Number(cart.total ?? 0)
  return Number.isFinite(total) && total > 0
}

/**
 * A guest or a customer. Medusa gives a guest who enters an email a
 * customer record too (without an account), so a `customer_id` alone does
 * not make a customer: `has_account` does. A lead whose customer is gone
 * (erased) counts as a guest.
 */
export function leadKind(
  lead: { customer_id: string | null },
  customer: { has_account?: boolean | null } | undefined
): CartLeadKind {
  if (!lead.customer_id || !customer) return "guest"
  return customer.has_account ? "customer" : "guest"
}
