import type { JobOptions } from "../../catalog/jobs"
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { chunks } from "../../runtime/batching"
import { autopilotService } from "../../runtime/settings"
import type { JobHandler, RunContext } from "../../runtime/types"
import {
  checkChangeRatio,
  describeChange,
  diffStock,
  type MalformedRow,
  type MatchedRow,
  type ResolvedRow,
  resolveRows,
  type StockChange,
} from "./changes"
import { fetchFeed, redactUrl } from "./download"
import { FeedError, parseFeed, type ParsedFeed } from "./feed"
import { applyStockFeedWorkflow } from "../../workflows/inventory/workflows/apply-stock-feed"

/** `jobs["stock-feed-sync"].options` after validation (see the job catalog). */
export type StockFeedOptions = JobOptions<"stock-feed-sync">

/** The action changes are recorded under, in the run summary. */
export const SET_STOCK_ACTION = "set-stock"

/** SKUs / inventory items looked up per query. */
const LOOKUP_BATCH = 500
/** Levels set per workflow run (each batch is all or nothing). */
const APPLY_BATCH = 500
/** Changes spelled out in the run's notes. */
const NOTE_SAMPLE = 20

function refuse(message: string): never {
  throw new MedusaError(MedusaError.Types.NOT_ALLOWED, message)
}

function feedFailed(message: string): never {
  throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, message)
}

/**
 * Finds each row's inventory item (by SKU) and level (at its location),
 * in batches. Rows with an unknown SKU or no level at their location are
 * malformed.
 */
async function matchInventory(
  container: MedusaContainer,
  rows: ResolvedRow[]
): Promise<{ matched: MatchedRow[]; unmatched: MalformedRow[] }> {
  const inventory = container.resolve(Modules.INVENTORY)
  const itemOf = new Map<string, string>()
  for (const skus of chunks(
    [...new Set(rows.map((r) => r.sku))],
    LOOKUP_BATCH
  )) {
    const items = await inventory.listInventoryItems(
      { sku: skus },
      { select: ["id", "sku"], take: null }
    )
    for (const item of items) if (item.sku) itemOf.set(item.sku, item.id)
  }

  const locationIds = [...new Set(rows.map((r) => r.location_id))]
  const stockOf = new Map<string, number>()
  const key = (itemId: string, locationId: string) =>
    `${itemId}\u0000${locationId}`
  for (const itemIds of chunks([...new Set(itemOf.values())], LOOKUP_BATCH)) {
    const levels = await inventory.listInventoryLevels(
      { inventory_item_id: itemIds, location_id: locationIds },
      {
        select: ["id", "inventory_item_id", "location_id", "stocked_quantity"],
        take: null,
      }
    )
    for (const level of levels) {
      stockOf.set(
        key(level.inventory_item_id, level.location_id),
        Number(level.stocked_quantity)
      )
    }
  }

  const matched: MatchedRow[] = []
  const unmatched: MalformedRow[] = []
  for (const row of rows) {
    const itemId = itemOf.get(row.sku)
    if (!itemId) {
      unmatched.push({
        row: row.row,
        sku: row.sku,
        reason: `unknown sku "${row.sku}" (no inventory item has it)`,
      })
      continue
    }
    const stocked = stockOf.get(key(itemId, row.location_id))
    if (stocked === undefined) {
      unmatched.push({
        row: row.row,
        sku: row.sku,
        reason: `no inventory level at location ${row.location_id}`,
      })
      continue
    }
    matched.push({
      ...row,
      inventory_item_id: itemId,
      stocked_quantity: stocked,
    })
  }
  return { matched, unmatched }
}

function readFeed(
  body: string,
  contentType: string | null,
  options: StockFeedOptions,
  url: string
): ParsedFeed {
  try {
    return parseFeed(body, options.format, contentType)
  } catch (e) {
    if (e instanceof FeedError) {
      feedFailed(
        `the feed could not be read (GET ${redactUrl(url)}): ${e.message}`
      )
    }
    throw e
  }
}

function noteChanges(ctx: RunContext, changes: StockChange[], verb: string) {
  if (!changes.length) return
  const listed = changes.slice(0, NOTE_SAMPLE).map(describeChange).join(", ")
  const more =
    changes.length > NOTE_SAMPLE
      ? ` (+${changes.length - NOTE_SAMPLE} more)`
      : ""
  ctx.note(`${verb}: ${listed}${more}`)
}

async function apply(ctx: RunContext, changes: StockChange[]) {
  let applied = 0
  await ctx.progress(0, changes.length)
  for (const batch of chunks(changes, APPLY_BATCH)) {
    if (applied && ctx.timeLeft() <= 0) {
      ctx.markStoppedEarly()
      ctx.note(
        `stopped at the time budget after ${applied} of ${changes.length} changes; the next run applies the rest`
      )
      return applied
    }
    try {
      await applyStockFeedWorkflow(ctx.container).run({
        input: {
          run_id: ctx.runId,
          applied_at: ctx.now().toISOString(),
          changes: batch.map((c) => ({
            sku: c.sku,
            inventory_item_id: c.inventory_item_id,
            location_id: c.location_id,
            from_quantity: c.from_quantity,
            to_quantity: c.to_quantity,
          })),
        },
      })
    } catch (e) {
      feedFailed(
        `applying the feed failed after ${applied} of ${changes.length} changes (those are in the audit trail; the next run applies the rest): ${
          (e as Error).message
        }`
      )
    }
    for (const change of batch) {
      ctx.changed(SET_STOCK_ACTION, `${change.sku}@${change.location_id}`)
    }
    applied += batch.length
    await ctx.progress(applied)
  }
  return applied
}

/**
 * A clean sync makes the malformed rows of earlier runs moot: they leave the
 * job's failing items list.
 */
async function clearEarlierFailures(ctx: RunContext) {
  const rows = await autopilotService(ctx.container).listItemRetries(
    { job_name: ctx.jobName },
    { select: ["item_id"], take: null }
  )
  for (const row of rows) ctx.succeeded(row.item_id)
}

/**
 * One run of `stock-feed-sync`: fetch the feed, check every row, diff it
 * against the current `stocked_quantity` of each level and apply the
 * differences through the `apply-stock-feed` workflow, with an audit row per
 * change.
 *
 * Refuses (the run fails, nothing is written) when any row is malformed
 * (each listed in the run's failures as `row <n>: <sku>`), when the feed has
 * more than `max_rows` rows, or when more than `max_change_ratio` of the
 * feed's SKUs would change; the diff is in the run's summary either way. A
 * dry run reports the same diff and writes nothing.
 */
export const stockFeedSyncJob: JobHandler<StockFeedOptions> = async (ctx) => {
  const options = ctx.options
  if (!options.url) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Add the feed URL in the job's settings"
    )
  }
  await ctx.progress(0, null)
  const { body, contentType } = await fetchFeed(options.url, options)
  const feed = readFeed(body, contentType, options, options.url)
  if (feed.rows.length > options.max_rows) {
    refuse(
      `refused: the feed has ${feed.rows.length} rows, more than max_rows ${options.max_rows}`
    )
  }
  ctx.note(
    `feed: ${feed.rows.length} rows (${feed.format}) from ${redactUrl(options.url)}`
  )
  ctx.count("scanned", feed.rows.length)

  const resolved = resolveRows(feed.rows, options)
  const { matched, unmatched } = await matchInventory(
    ctx.container,
    resolved.rows
  )
  const malformed = [...resolved.malformed, ...unmatched].sort(
    (a, b) => a.row - b.row
  )
  for (const row of malformed) {
    ctx.fail(`row ${row.row}: ${row.sku || "(no sku)"}`, row.reason)
  }

  const { changes, unchanged } = diffStock(matched)
  ctx.count("skipped", unchanged.length)
  const verdict = checkChangeRatio(
    feed.rows.map((r) => r.sku).filter(Boolean),
    changes,
    options.max_change_ratio
  )

  const refusal = malformed.length
    ? `refused: ${malformed.length} malformed row${
        malformed.length === 1 ? "" : "s"
      } in the feed (listed in the run's failures); nothing was applied`
    : verdict.allowed
      ? null
      : verdict.message

  if (refusal || ctx.dryRun) {
    for (const change of changes) {
      ctx.changed(SET_STOCK_ACTION, `${change.sku}@${change.location_id}`)
    }
    noteChanges(ctx, changes, "would set")
    ctx.note(verdict.message)
    if (refusal) {
      ctx.note("nothing was applied")
      refuse(refusal)
    }
    ctx.note("dry run: nothing was applied")
    return
  }

  ctx.note(verdict.message)
  if (!changes.length) {
    ctx.note("every level already matches the feed")
    await clearEarlierFailures(ctx)
    return
  }
  const applied = await apply(ctx, changes)
  noteChanges(ctx, changes.slice(0, applied), "set")
  if (applied === changes.length) await clearEarlierFailures(ctx)
}
