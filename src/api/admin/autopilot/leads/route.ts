import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { csvLine } from "../../../../lib/csv"
import { withFieldLabels } from "../../../../runtime/labels"
import { autopilotService } from "../../../../runtime/settings"
import { leadKind } from "../../../../shared/cart-lead"
import type {
  CartLead,
  CartLeadItem,
  CartLeadListResponse,
} from "../../../../types"
import type { AdminListCartLeadsType } from "../validators"

type Lead = Awaited<
  ReturnType<ReturnType<typeof autopilotService>["listCartLeads"]>
>[number]

const CSV_BATCH = 500

const CSV_COLUMNS = [
  "id",
  "status",
  "email",
  "customer_id",
  "cart_id",
  "sales_channel_id",
  "region_id",
  "currency_code",
  "total",
  "items",
  "cart_created_at",
  "last_active_at",
  "reminders_sent",
  "consent",
  "recovered_order_id",
  "recovered_total",
  "recovered_at",
  "archived_at",
  "created_at",
  "kind",
  "discount_code",
  "discount_used",
]

/** Whether each of these customers has an account (guests have none). */
async function hasAccount(
  scope: AuthenticatedMedusaRequest["scope"],
  ids: (string | null)[]
): Promise<Map<string, { has_account: boolean }>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))]
  if (!wanted.length) return new Map()
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "customer",
    fields: ["id", "has_account"],
    filters: { id: wanted },
  })
  return new Map(
    (data as { id: string; has_account: boolean }[]).map((c) => [c.id, c])
  )
}

function iso(value: unknown): string {
  return value ? new Date(value as string).toISOString() : ""
}

function csvRow(lead: Lead, kind: string): string {
  const items = Array.isArray(lead.items) ? (lead.items as CartLeadItem[]) : []
  const consent = lead.consent as CartLead["consent"]
  return csvLine([
    lead.id,
    lead.status,
    lead.email,
    lead.customer_id,
    lead.cart_id,
    lead.sales_channel_id,
    lead.region_id,
    lead.currency_code,
    lead.total,
    items
      .map(
        (i) =>
          `${i.quantity ?? 1}x ${i.title ?? ""}${i.variant_title ? ` (${i.variant_title})` : ""}`
      )
      .join("; "),
    iso(lead.cart_created_at),
    iso(lead.last_active_at),
    lead.reminders_sent,
    consent ? `${consent.mode}:${consent.given ? "yes" : "no"}` : "",
    lead.recovered_order_id,
    lead.recovered_total,
    iso(lead.recovered_at),
    iso(lead.archived_at),
    iso(lead.created_at),
    kind,
    lead.discount_code,
    lead.discount_code ? (lead.discount_used ? "yes" : "no") : "",
  ])
}

/**
 * Leads of abandoned carts (newest first), filtered by `status` and by part
 * of the email (`q`); each with its `kind` (a guest or a customer with an
 * account) and `labels` naming the customer and the recovered order. Carts
 * with nothing in them are not leads and are not listed. `format=csv` (or `Accept: text/csv`) downloads every
 * matching lead, streamed in keyset batches so memory stays bounded.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminListCartLeadsType>,
  res: MedusaResponse<CartLeadListResponse<Date>>
) => {
  const { limit, offset, status, q, format } = req.validatedQuery
  // An empty or zero-total cart is no lead (isLead): older rows may hold one.
  const filters: Record<string, unknown> = { total: { $gt: 0 } }
  if (status) filters.status = status
  if (q) {
    filters.email = { $ilike: `%${q.toLowerCase().replace(/[%_\\]/g, "")}%` }
  }
  const service = autopilotService(req.scope)
  const wantsCsv =
    format === "csv" ||
    (format !== "json" && /text\/csv/i.test(req.get("accept") ?? ""))

  if (!wantsCsv) {
    const [leads, count] = await service.listAndCountCartLeads(filters, {
      order: { created_at: "DESC", id: "DESC" },
      take: limit,
      skip: offset,
    })
    const accounts = await hasAccount(
      req.scope,
      leads.map((l) => l.customer_id)
    )
    const labelled = await withFieldLabels(req.scope, leads, [
      "customer_id",
      "recovered_order_id",
    ])
    // `items` and `consent` are JSON columns the plugin writes in these shapes.
    res.json({
      leads: labelled.map((lead) => ({
        ...lead,
        kind: leadKind(lead, accounts.get(lead.customer_id ?? "")),
      })) as unknown as CartLead<Date>[],
      count,
      limit,
      offset,
    })
    return
  }

  res.setHeader("content-type", "text/csv; charset=utf-8")
  res.setHeader(
    "content-disposition",
    `attachment; filename="autopilot-leads${status ? `-${status}` : ""}.csv"`
  )
  res.write(CSV_COLUMNS.join(",") + "\n")
  let cursor: Lead | null = null
  for (;;) {
    const page: Lead[] = await service.listCartLeads(
      (cursor
        ? {
            $and: [
              filters,
              {
                $or: [
                  { created_at: { $lt: cursor.created_at } },
                  { created_at: cursor.created_at, id: { $lt: cursor.id } },
                ],
              },
            ],
          }
        : filters) as never,
      { order: { created_at: "DESC", id: "DESC" }, take: CSV_BATCH }
    )
    if (page.length) {
      const accounts = await hasAccount(
        req.scope,
        page.map((l) => l.customer_id)
      )
      res.write(
        page
          .map((l) => csvRow(l, leadKind(l, accounts.get(l.customer_id ?? ""))))
          .join("")
      )
    }
    if (page.length < CSV_BATCH) break
    cursor = page[page.length - 1]
  }
  res.end()
}
