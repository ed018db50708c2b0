import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { csvLine } from "../../../../lib/csv"
import { autopilotService } from "../../../../runtime/settings"
import type {
  RestockDemand,
  RestockDemandListResponse,
} from "../../../../types"
import type { AdminRestockDemandType } from "../validators"

const CSV_COLUMNS = [
  "variant_id",
  "product_title",
  "variant_title",
  "sku",
  "waiting",
  "waiting_since",
  "last_wave_at",
]

/**
 * Shoppers waiting per variant (most wanted first), with the variant's
 * title and SKU and its last wave; `format=csv` downloads it.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminRestockDemandType>,
  // JSON (typed below) or, with `format=csv`, CSV text.
  res: MedusaResponse
) => {
  const { limit, offset, variant_id, order, format } = req.validatedQuery
  const service = autopilotService(req.scope)
  const { rows, count } = await service.restockDemand({
    variant_id,
    limit,
    offset,
    ascending: order === "waiting",
  })
  const ids = rows.map((r) => r.variant_id)
  const { data: variants } = ids.length
    ? await req.scope.resolve(ContainerRegistrationKeys.QUERY).graph({
        entity: "product_variant",
        fields: ["id", "title", "sku", "product.id", "product.title"],
        filters: { id: ids },
      })
    : { data: [] }
  const byId = new Map(
    (
      variants as {
        id: string
        title: string
        sku: string | null
        product?: { id: string; title: string }
      }[]
    ).map((v) => [v.id, v])
  )
  const waves = ids.length
    ? await service.listRestockWaves(
        { variant_id: ids },
        { order: { created_at: "DESC" }, take: null }
      )
    : []
  const demand = rows.map((r): RestockDemand<Date> => {
    const v = byId.get(r.variant_id)
    const last = waves.find((w) => w.variant_id === r.variant_id)
    return {
      variant_id: r.variant_id,
      product_id: v?.product?.id ?? null,
      product_title: v?.product?.title ?? null,
      variant_title: v?.title ?? null,
      sku: v?.sku ?? null,
      waiting: r.waiting,
      waiting_since: r.oldest,
      last_wave: last
        ? {
            at: last.created_at,
            size: last.size,
            sent: last.sent,
            available: last.available,
          }
        : null,
    }
  })
  if (format === "csv") {
    const lines = demand.map((d) =>
      csvLine([
        d.variant_id,
        d.product_title,
        d.variant_title,
        d.sku,
        d.waiting,
        new Date(d.waiting_since).toISOString(),
        d.last_wave ? new Date(d.last_wave.at).toISOString() : "",
      ])
    )
    res.setHeader("content-type", "text/csv; charset=utf-8")
    res.setHeader(
      "content-disposition",
      'attachment; filename="restock-demand.csv"'
    )
    res.send(csvLine(CSV_COLUMNS) + lines.join(""))
    return
  }
  const body: RestockDemandListResponse<Date> = {
    restock_demand: demand,
    count,
    limit,
    offset,
  }
  res.json(body)
}
