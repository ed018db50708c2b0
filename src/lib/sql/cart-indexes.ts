import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/**
 * The one place the plugin touches another module's schema.
 *
 * Every index Medusa 2.21 puts on the cart tables' foreign-key columns is
 * partial (`WHERE deleted_at IS NULL`). PostgreSQL's foreign-key triggers
 * look rows up with `WHERE $1 = <fk column>` and cannot use a partial index,
 * so each deleted cart (and each deleted cart address) scans the child
 * tables, and deletes slow down with table size (~34 carts/s at 100k carts).
 * Plain btree indexes on the same columns make each lookup an index probe.
 * Confirmed with EXPLAIN of the trigger queries (see the README):
 * - `DELETE FROM ONLY cart_line_item WHERE $1 = cart_id` (and shipping
 *   methods), then for each line item / shipping method its adjustments and
 *   tax lines;
 * - `SELECT 1 FROM ONLY credit_line WHERE $1 = cart_id FOR KEY SHARE` (the
 *   credit-line FK has no ON DELETE action, so it is checked per cart);
 * - `UPDATE ONLY cart SET shipping_address_id = NULL WHERE $1 =
 *   shipping_address_id` (and billing) for each deleted cart address.
 *
 * Created by the module's migration unless `add_indexes` is false (see
 * `wantsCartIndexes`), re-checked by the pruning job at the start of a run,
 * dropped by the migration's `down`.
 */
export const CART_DELETE_INDEXES: {
  name: string
  table: string
  column: string
}[] = [
  ["cart_line_item", "cart_id"],
  ["cart_line_item_adjustment", "item_id"],
  ["cart_line_item_tax_line", "item_id"],
  ["cart_shipping_method", "cart_id"],
  ["cart_shipping_method_adjustment", "shipping_method_id"],
  ["cart_shipping_method_tax_line", "shipping_method_id"],
  ["credit_line", "cart_id"],
  ["cart", "shipping_address_id"],
  ["cart", "billing_address_id"],
].map(([table, column]) => ({
  // PostgreSQL cuts names at 63 bytes; cut them ourselves so lookups match.
  name: `IDX_autopilot_fk_${table}_${column}`.slice(0, 63),
  table,
  column,
}))

export function createCartIndexSql(concurrently: boolean): string[] {
  return CART_DELETE_INDEXES.map(
    (i) =>
      `CREATE INDEX ${concurrently ? "CONCURRENTLY " : ""}IF NOT EXISTS "${i.name}" ON "${i.table}" ("${i.column}")`
  )
}

export function dropCartIndexSql(): string[] {
  return CART_DELETE_INDEXES.map((i) => `DROP INDEX IF EXISTS "${i.name}"`)
}

/**
 * Whether the shop wants the indexes, read from the autopilot module's
 * options (`jobs["cart-pruning"].options.add_indexes`, default true) in the
 * configuration Medusa loaded. Module migrations are not given the module's
 * options, but `medusa db:migrate` loads the whole configuration (with the
 * plugin's modules merged in) before it runs them.
 */
export function wantsCartIndexes(modules: unknown): boolean {
  const entries =
    modules && typeof modules === "object"
      ? Object.entries(modules as Record<string, unknown>)
      : []
  for (const [key, value] of entries) {
    const declaration = value as { resolve?: unknown; options?: unknown }
    const isAutopilot =
      key === "autopilot" ||
      (typeof declaration?.resolve === "string" &&
        /modules\/autopilot$/.test(declaration.resolve))
    if (!isAutopilot) continue
    const options = declaration?.options as
      | {
          jobs?: Record<
            string,
            { options?: { add_indexes?: unknown } } | undefined
          >
        }
      | undefined
    return options?.jobs?.["cart-pruning"]?.options?.add_indexes !== false
  }
  return true
}

function knex(container: MedusaContainer) {
  return container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
}

/** The plugin's cart indexes that exist and are valid. */
export async function presentCartIndexes(
  container: MedusaContainer
): Promise<Set<string>> {
  const { rows } = await knex(container).raw(
    `select c.relname as name
       from pg_class c join pg_index i on i.indexrelid = c.oid
      where c.relname = any(?) and i.indisvalid`,
    [CART_DELETE_INDEXES.map((i) => i.name)]
  )
  return new Set((rows as { name: string }[]).map((r) => r.name))
}

/**
 * Creates the missing indexes without blocking writes (CONCURRENTLY, so
 * outside any transaction). An index left invalid by an interrupted build
 * is dropped and built again. Returns the names it created.
 */
export async function ensureCartIndexes(
  container: MedusaContainer
): Promise<string[]> {
  const present = await presentCartIndexes(container)
  const created: string[] = []
  for (const index of CART_DELETE_INDEXES) {
    if (present.has(index.name)) continue
    await knex(container).raw(
      `DROP INDEX CONCURRENTLY IF EXISTS "${index.name}"`
    )
    await knex(container).raw(
      `CREATE INDEX CONCURRENTLY IF NOT EXISTS "${index.name}" ON "${index.table}" ("${index.column}")`
    )
    created.push(index.name)
  }
  return created
}
