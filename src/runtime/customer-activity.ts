import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import type {
  CartLeadStatus,
  CustomerActivity,
  RestockSubscriptionStatus,
} from "../types"
import { autopilotService } from "./settings"

/** Rows of each kind shown per customer (newest first). */
const LIMIT = 50

type Variant = {
  id: string
  title: string | null
  sku: string | null
  product?: { id: string; title: string } | null
}

/**
 * What the plugin holds for one customer, for the customer page's widget:
 * back-in-stock signups and abandoned-cart leads (by customer id or by the
 * customer's email, since a guest signup before the account has only the
 * email) and whether the customer opted out of cart reminders. Variants
 * and orders are named through Query. 404 for an unknown customer.
 */
export async function readCustomerActivity(
  container: MedusaContainer,
  customerId: string
): Promise<CustomerActivity<Date>> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: customers } = await query.graph({
    entity: "customer",
    fields: ["id", "email"],
    filters: { id: customerId },
  })
  const customer = customers[0] as { id: string; email: string | null }
  if (!customer) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Customer ${customerId} was not found`
    )
  }
  const email = customer.email?.toLowerCase() ?? null
  const who = email
    ? { $or: [{ customer_id: customer.id }, { email }] }
    : { customer_id: customer.id }
  const service = autopilotService(container)
  const signups = await service.listRestockSubscriptions(who as never, {
    order: { created_at: "DESC" },
    take: LIMIT,
  })
  const leads = await service.listCartLeads(who as never, {
    order: { created_at: "DESC" },
    take: LIMIT,
  })
  const optouts = email ? await service.listCartOptouts({ email }) : []
  const reminders = leads.length
    ? await service.listCartReminders(
        { cart_id: leads.map((l) => l.cart_id), status: "sent" } as never,
        { order: { sent_at: "DESC" }, take: null }
      )
    : []
  const lastReminder = new Map<string, Date>()
  for (const r of reminders) {
    if (r.sent_at && !lastReminder.has(r.cart_id)) {
      lastReminder.set(r.cart_id, new Date(r.sent_at))
    }
  }

  const variantIds = [...new Set(signups.map((s) => s.variant_id))]
  const { data: variants } = variantIds.length
    ? await query.graph({
        entity: "product_variant",
        fields: ["id", "title", "sku", "product.id", "product.title"],
        filters: { id: variantIds },
      })
    : { data: [] }
  const variantById = new Map((variants as Variant[]).map((v) => [v.id, v]))
  const orderIds = [
    ...signups.map((s) => s.converted_order_id),
    ...leads.map((l) => l.recovered_order_id),
  ].filter((id): id is string => !!id)
  const { data: orders } = orderIds.length
    ? await query.graph({
        entity: "order",
        fields: ["id", "display_id"],
        filters: { id: [...new Set(orderIds)] },
      })
    : { data: [] }
  const displayId = new Map(
    (orders as { id: string; display_id: number }[]).map((o) => [
      o.id,
      o.display_id,
    ])
  )

  return {
    customer_id: customer.id,
    email: customer.email,
    restock_signups: signups.map((s) => {
      const v = variantById.get(s.variant_id)
      return {
        id: s.id,
        variant_id: s.variant_id,
        product_id: v?.product?.id ?? null,
        product_title: v?.product?.title ?? null,
        variant_title: v?.title ?? null,
        sku: v?.sku ?? null,
        status: s.status as RestockSubscriptionStatus,
        created_at: new Date(s.created_at),
        notified_at: s.notified_at ? new Date(s.notified_at) : null,
        converted_order_id: s.converted_order_id ?? null,
        converted_order_display_id: s.converted_order_id
          ? (displayId.get(s.converted_order_id) ?? null)
          : null,
      }
    }),
    cart_leads: leads.map((l) => ({
      id: l.id,
      cart_id: l.cart_id,
      status: l.status as CartLeadStatus,
      reminders_sent: l.reminders_sent,
      last_reminder_at: lastReminder.get(l.cart_id) ?? null,
      total: l.total === null || l.total === undefined ? null : Number(l.total),
      currency_code: l.currency_code ?? null,
      last_active_at: l.last_active_at ? new Date(l.last_active_at) : null,
      recovered_order_id: l.recovered_order_id ?? null,
      recovered_order_display_id: l.recovered_order_id
        ? (displayId.get(l.recovered_order_id) ?? null)
        : null,
    })),
    cart_reminders_opt_out: optouts[0]
      ? { since: new Date(optouts[0].created_at) }
      : null,
  }
}
